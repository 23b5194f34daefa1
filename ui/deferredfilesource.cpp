#include "deferredfilesource.h"

namespace tsg {

DeferredFileSource::DeferredFileSource(QString path, qint64 plannedSize) : m_path(std::move(path)), m_size(plannedSize)
{}

Result<qint64> DeferredFileSource::read(char *buf, qint64 maxBytes)
{
    if (m_done >= m_size)
        return qint64(0);
    if (!m_file) {
        QString error;
        m_file = fileSource(m_path, &error);
        if (!m_file)
            return Error::io(error);
        if (m_file->size() != m_size)
            return Error::io(QStringLiteral("%1 changed after it was dropped (%2 bytes then, %3 now)")
                                 .arg(m_path)
                                 .arg(m_size)
                                 .arg(m_file->size()));
    }
    auto n = m_file->read(buf, std::min(maxBytes, m_size - m_done));
    if (!n.ok())
        return n;
    m_done += n.value();
    if (m_done >= m_size || n.value() == 0)
        m_file.reset(); // closes the descriptor
    return n;
}

} // namespace tsg
