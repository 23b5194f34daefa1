// JSON-RPC 2.0 as MCP uses it: one message per line, parsed into a request (or a notification), and the replies
// built from a result or an error code. Exists so that the MCP server never handles raw JSON framing itself.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace tsg {

class JsonRpc {
public:
    enum Code {
        ParseError = -32700,
        InvalidRequest = -32600,
        MethodNotFound = -32601,
        InvalidParams = -32602,
        InternalError = -32603,
        ResourceNotFound = -32002, // MCP's code for resources/read of an unknown URI
    };

    // A failed call: the code and a message that names what was wrong.
    struct Failure {
        int code = InternalError;
        QString message{};
    };

    struct Request {
        QJsonValue id{}; // undefined for a notification (no reply)
        QString method{};
        QJsonObject params{};
        bool isNotification() const { return id.isUndefined(); }
    };

    // What one line holds: a request or notification; else, when it deserves a reply, the error to send
    // (a reply of the client's, to a request we never send, deserves none: both are empty then).
    struct Parsed {
        std::optional<Request> request{};
        std::optional<QJsonObject> errorReply{};
    };
    static Parsed parse(const QByteArray &line);

    static QJsonObject result(const QJsonValue &id, const QJsonObject &result);
    static QJsonObject error(const QJsonValue &id, const Failure &failure);
    // The reply as one line of compact JSON, without the '\n'.
    static QByteArray serialize(const QJsonObject &reply);
};

} // namespace tsg
