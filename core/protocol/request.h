// One parsed client message: the text (kept alive, because big strings are read in place), its
// parsed document, and the envelope fields every message carries.
#pragma once

#include "jsonview.h"

#include <QJsonValue>
#include <QString>

#include <memory>

namespace tsg {

struct ParsedMessage {
    QString text; // the frame as received; the document's views point into it (or into a part of it)
    json::Document doc;
};

struct Request {
    QString type;
    QString sessionId;                            // empty when absent
    QJsonValue requestId = QJsonValue::Undefined; // string or number, echoed on every reply; undefined when absent
    std::shared_ptr<const ParsedMessage> message;

    const json::Value &data() const { return message->doc.root()[u"data"]; }
};

} // namespace tsg
