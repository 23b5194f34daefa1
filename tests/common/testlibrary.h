// Test fixtures: a fresh data folder per test, and small helpers to read what landed on disk.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace testing {

// Waits for a QFuture while the event loop runs (signals keep flowing), then returns its result.
template <typename T>
T await(QFuture<T> future, int timeoutMs = 60000)
{
    QFutureWatcher<T> watcher;
    watcher.setFuture(future);
    if (!future.isFinished())
        QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs);
    return future.result();
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace testing
