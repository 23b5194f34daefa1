// Errors as values: every fallible core call returns Result<T>, which the caller must look at.
// An Error carries a message meant for the user (it names the offending thing) and a kind that
// callers map to wire errors or dialogs in one place.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace tsg {

enum class ErrorKind {
    Invalid,        // bad input: names, paths, fields, JSON
    Unsupported,    // a request this version does not know (an unknown message type)
    NotFound,       // the TSG, session, trash entry or upload does not exist
    Conflict,       // already exists, or collides with an existing name
    TooLarge,       // over a size limit (a file, an upload, the staging room)
    TypeNotAllowed, // a file type the settings do not allow
    Limit,          // over a count limit (files per session, open uploads, frames sent ahead)
    DiskFull,       // no room left on the disk
    Io,             // the disk said no for another reason (permissions, a symlink where a folder belongs)
    Busy,           // another process owns the data folder, or the thing is in use right now
    Cancelled,      // the caller cancelled
    Internal,       // a defect: what should not happen did
};

struct Error {
    ErrorKind kind = ErrorKind::Invalid;
    QString message;      // one line, or several problems joined with "; "
    QStringList problems; // every problem of a batch, when there were several

    static Error invalid(QString m) { return {ErrorKind::Invalid, std::move(m), {}}; }
    static Error notFound(QString m) { return {ErrorKind::NotFound, std::move(m), {}}; }
    static Error conflict(QString m) { return {ErrorKind::Conflict, std::move(m), {}}; }
    static Error tooLarge(QString m) { return {ErrorKind::TooLarge, std::move(m), {}}; }
    static Error io(QString m) { return {ErrorKind::Io, std::move(m), {}}; }
    static Error busy(QString m) { return {ErrorKind::Busy, std::move(m), {}}; }
    static Error of(ErrorKind kind, QString m) { return {kind, std::move(m), {}}; }
    static Error cancelled() { return {ErrorKind::Cancelled, QStringLiteral("Cancelled"), {}}; }
    // Several problems of one batch, reported together.
    static Error batch(ErrorKind kind, const QStringList &problems)
    {
        return {kind, problems.join(QStringLiteral("; ")), problems};
    }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }
    const Error &error() const { return std::get<1>(m_v); }
    // The error's message, or an empty string when ok (safe to call either way).
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString errorMessage() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace tsg
