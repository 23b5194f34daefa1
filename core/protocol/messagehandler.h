// One small handler per message type, behind a tiny interface: it declares the fields of `data` it
// needs (checked up front by the router, every problem reported at once) and handles the request.
#pragma once

#include "jsonview.h"
#include "request.h"

#include <QList>
#include <QString>

namespace tsg {

class Connection;

struct FieldSpec {
    QString name;
    json::Value::Type type;
    bool required = true;
    bool nullable = false;
    qsizetype maxLength = 4096; // for strings: longer is refused (a 10 MB "name" is an error)
};

class MessageHandler {
public:
    virtual ~MessageHandler() = default;
    virtual QList<FieldSpec> fields() const { return {}; }
    virtual void handle(const Request &request, Connection &connection) = 0;
};

} // namespace tsg
