// A source of bytes for one uploaded file: its exact size is known up front and its bytes are read
// in chunks, so no upload is ever held whole in memory. Implementations: a file on disk, base64
// text inside a received message (decoded as it is read), an in-memory buffer for small payloads.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <memory>

namespace tsg {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // The exact number of bytes read() will deliver in total (the real size, not a client's claim).
    virtual qint64 size() const = 0;
    // Reads up to maxBytes into buf; returns how many (0 only at the end), or an error.
    virtual Result<qint64> read(char *buf, qint64 maxBytes) = 0;
};

// A regular file on disk (the window's drag and drop). The size is taken when opened.
std::unique_ptr<ByteSource> fileSource(const QString &path, QString *error = nullptr);

// In-memory bytes (small payloads, tests).
std::unique_ptr<ByteSource> bufferSource(QByteArray bytes);

// Standard base64 text (as in the seed's `content` fields) decoded while read. `text` must stay
// alive while the source is used. Invalid base64 is detected up front by isValid()/size() and
// reported by read(). `label` names the file in error messages.
class Base64Source : public ByteSource {
public:
    Base64Source(QStringView text, QString label);
    // Checks length, padding and alphabet without decoding; returns the decoded size or an error.
    static Result<qint64> decodedSize(QStringView text, const QString &label);
    qint64 size() const override { return m_size; }
    Result<qint64> read(char *buf, qint64 maxBytes) override;

private:
    QStringView m_text;
    QString m_label;
    qint64 m_size = -1;
    qsizetype m_pos = 0; // characters consumed
    qint64 m_done = 0;   // bytes delivered
    QString m_error;
};

} // namespace tsg
