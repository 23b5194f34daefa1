// Where an upload lands: a TSG (by name) or a session (by id). The one value the upload pipeline carries
// from validation through staging and commit to the replies, in both upload forms.
#pragma once

#include <QString>

namespace tsg {

struct UploadTarget {
    enum class Kind { Tsg, Session };

    Kind kind = Kind::Tsg;
    QString name{}; // the TSG's name, or the session's id

    static UploadTarget tsg(QString name) { return {.kind = Kind::Tsg, .name = std::move(name)}; }
    static UploadTarget session(QString id) { return {.kind = Kind::Session, .name = std::move(id)}; }

    bool isTsg() const { return kind == Kind::Tsg; }
    bool isSession() const { return kind == Kind::Session; }
    // "tsg" or "session": the word the protocol and the upload manifest use.
    QString word() const { return isTsg() ? QStringLiteral("tsg") : QStringLiteral("session"); }
    bool operator==(const UploadTarget &) const = default;
};

} // namespace tsg
