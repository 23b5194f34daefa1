// The log the log-viewer and read benchmarks work on: about `megabytes` MB of timestamped lines of varying length,
// like an agent's, the same bytes every time (a fixed seed).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

// Writes it to `path`; its line count, or -1 when it could not be written.
inline int writeBenchLog(const QString &path, int megabytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return -1;
    QRandomGenerator rng(42);
    QByteArray chunk;
    int lines = 0;
    const qint64 target = qint64(megabytes) << 20;
    qint64 written = 0;
    while (written < target) {
        chunk.clear();
        for (int i = 0; i < 10000; ++i, ++lines) {
            chunk += "2026-11-25 09:" + QByteArray::number(10 + lines % 50) + ":00.123 [vpnagent] event "
                + QByteArray::number(lines + 1) + ' ' + QByteArray(int(rng.bounded(10, 120)), char('a' + lines % 26))
                + (lines % 97 == 0 ? " ERROR handshake timeout\n" : " ok\n");
        }
        if (f.write(chunk) != chunk.size())
            return -1;
        written += chunk.size();
    }
    return lines;
}
