#include "stdiochannel.h"

#include <cerrno>
#include <unistd.h>

namespace tsg {

StdioChannel::StdioChannel(int inFd, int outFd) : m_in(inFd), m_out(outFd) {}

const QByteArray &StdioChannel::tooLong()
{
    static const QByteArray marker("\x01too-long");
    return marker;
}

std::optional<QByteArray> StdioChannel::readLine()
{
    for (;;) {
        if (const qsizetype end = m_buffer.indexOf('\n'); end >= 0) {
            QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 1);
            if (m_skipping) {
                m_skipping = false;
                return tooLong();
            }
            if (line.endsWith('\r'))
                line.chop(1);
            return line;
        }
        if (m_buffer.size() > kMaxLine) {
            m_buffer.clear();
            m_skipping = true;
        }
        if (m_eof) {
            if (m_buffer.isEmpty() && !m_skipping)
                return std::nullopt;
            QByteArray last = std::exchange(m_buffer, {});
            if (std::exchange(m_skipping, false))
                return tooLong();
            return last;
        }
        char chunk[65536];
        const ssize_t n = ::read(m_in, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            m_eof = true;
        else
            m_buffer.append(chunk, n);
    }
}

bool StdioChannel::write(const QByteArray &message)
{
    const QByteArray line = message + '\n';
    qsizetype written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(m_out, line.constData() + written, size_t(line.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        written += n;
    }
    return true;
}

} // namespace tsg
