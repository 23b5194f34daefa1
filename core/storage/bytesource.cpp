#include "bytesource.h"

#include "base64.h"

#include <QFile>

#include <algorithm>
#include <cstring>

namespace tsg {

namespace {

class FileSource : public ByteSource {
public:
    explicit FileSource(const QString &path) : m_file(path) {}
    bool open(QString *error)
    {
        if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(m_file.fileName(), m_file.errorString());
            return false;
        }
        m_size = m_file.size();
        return true;
    }
    qint64 size() const override { return m_size; }
    Result<qint64> read(char *buf, qint64 maxBytes) override
    {
        const qint64 n = m_file.read(buf, std::min(maxBytes, m_size - m_pos));
        if (n < 0)
            return Error::io(QStringLiteral("%1: %2").arg(m_file.fileName(), m_file.errorString()));
        if (n == 0 && m_pos < m_size) // the file shrank while we read it
            return Error::io(QStringLiteral("%1 changed while it was read").arg(m_file.fileName()));
        m_pos += n;
        return n;
    }

private:
    QFile m_file;
    qint64 m_size = 0;
    qint64 m_pos = 0;
};

class BufferSource : public ByteSource {
public:
    explicit BufferSource(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    qint64 size() const override { return m_bytes.size(); }
    Result<qint64> read(char *buf, qint64 maxBytes) override
    {
        const qint64 n = std::min<qint64>(maxBytes, m_bytes.size() - m_pos);
        std::memcpy(buf, m_bytes.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_bytes;
    qint64 m_pos = 0;
};

} // namespace

std::unique_ptr<ByteSource> fileSource(const QString &path, QString *error)
{
    auto source = std::make_unique<FileSource>(path);
    if (!source->open(error))
        return nullptr;
    return source;
}

std::unique_ptr<ByteSource> bufferSource(QByteArray bytes)
{
    return std::make_unique<BufferSource>(std::move(bytes));
}

Base64Source::Base64Source(QStringView text, QString label) : m_text(text), m_label(std::move(label))
{
    const auto size = decodedSize(m_text, m_label);
    if (size.ok())
        m_size = size.value();
    else
        m_error = size.error().message;
}

Result<qint64> Base64Source::decodedSize(QStringView text, const QString &label)
{
    const qsizetype n = Base64::decodedLength(text);
    if (n < 0)
        return Error::invalid(QStringLiteral("%1: content is not valid base64 (bad length or padding)").arg(label));
    return qint64(n);
}

Result<qint64> Base64Source::read(char *buf, qint64 maxBytes)
{
    if (!m_error.isEmpty())
        return Error::invalid(m_error);
    const qsizetype remaining = m_text.size() - m_pos;
    if (remaining == 0)
        return qint64(0);
    qsizetype take = qsizetype(maxBytes / 3) * 4;
    Base64::Slice slice = Base64::Slice::Middle;
    if (maxBytes >= m_size - m_done || take >= remaining) {
        take = remaining; // the final slice, the only one that may carry the padding
        slice = Base64::Slice::Last;
    }
    if (take <= 0)
        return Error::invalid(QStringLiteral("%1: read buffer too small").arg(m_label));
    qsizetype bad = -1;
    const qsizetype n = Base64::decode(m_text.sliced(m_pos, take), buf, &bad, slice);
    if (n < 0) {
        m_error = QStringLiteral("%1: content is not valid base64 (unexpected character at position %2)")
                      .arg(m_label)
                      .arg(m_pos + bad);
        return Error::invalid(m_error);
    }
    m_pos += take;
    m_done += n;
    return qint64(n);
}

} // namespace tsg
