// A table from message type to handler. It checks the envelope and the handler's declared fields,
// then hands the request over; unknown types and bad fields get an error reply.
#pragma once

#include "messagehandler.h"

#include <QHash>

#include <memory>

namespace tsg {

class MessageRouter {
public:
    // The seed's messages and the extras a real UI needs (see docs/PROTOCOL.md).
    static MessageRouter withStandardHandlers();

    void add(const QString &type, std::shared_ptr<MessageHandler> handler);
    // Checks the handler's fields; returns every problem, or an empty list when the request may go on.
    QStringList check(const Request &request, const MessageHandler &handler) const;
    void route(const Request &request, Connection &connection) const;
    bool knows(const QString &type) const { return m_handlers.contains(type); }

private:
    QHash<QString, std::shared_ptr<MessageHandler>> m_handlers;
};

} // namespace tsg
