// The MCP stdio transport: newline-delimited messages read from one file descriptor (stdin) and written to
// another (stdout), blocking. Its own class so that the server is tested on pipes and never touches stdio itself.
#pragma once

#include <QByteArray>

#include <optional>

namespace tsg {

class StdioChannel {
public:
    static constexpr qsizetype kMaxLine = 64 << 20; // a longer line is dropped (and reported as too long)

    StdioChannel(int inFd, int outFd);

    // The next line without its '\n' (a last line without one counts); nullopt when the input is closed or
    // fails. A line over kMaxLine comes back as the marker tooLong().
    std::optional<QByteArray> readLine();
    // Writes `message` and a '\n', all of it; false when the output is closed.
    bool write(const QByteArray &message);

    static const QByteArray &tooLong();

private:
    int m_in;
    int m_out;
    QByteArray m_buffer;
    bool m_eof = false;
    bool m_skipping = false; // inside a line over kMaxLine: dropping its bytes until its '\n'
};

} // namespace tsg
