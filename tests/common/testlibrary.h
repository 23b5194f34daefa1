// Test fixtures: a fresh data folder per test, and small helpers to read what landed on disk.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace testing {

// Waits for a QFuture while the event loop runs (signals keep flowing), then returns its result.
template <typename T>
T await(QFuture<T> future, int timeoutMs = 60000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        qFatal("a future did not finish within %d ms", timeoutMs);
    return future.result();
}

// n bytes that do not compress (n a multiple of 4 is filled completely).
inline QByteArray randomBytes(qsizetype n)
{
    QByteArray b(n, '\0');
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
    return b;
}

// Lower-case hex SHA-256, computed by Qt (an implementation independent of the one under test).
inline QString sha256Hex(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
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

#include "library.h"

#include <memory>

namespace testing {

// A Library on its own temporary data folder.
struct TempLibrary {
    QTemporaryDir dir;
    std::unique_ptr<tsg::Library> lib;

    TempLibrary() { reopen(); }
    QString root() const { return dir.path(); }
    QString tsgPath(const QString &tsg, const QString &rel = {}) const
    {
        return dir.path() + QStringLiteral("/tsgs/") + tsg + (rel.isEmpty() ? QString() : u'/' + rel);
    }
    // Sets the session's lastActivity `hours` back, as if nobody had used it since.
    bool ageSession(const QString &id, int hours) const
    {
        const QString path = root() + QStringLiteral("/sessions/") + id + QStringLiteral("/.session.json");
        QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
        QJsonObject meta = o.value(u"sessionMetadata").toObject();
        if (meta.isEmpty())
            return false;
        meta.insert(QStringLiteral("lastActivity"),
                    QDateTime::currentDateTimeUtc().addSecs(-qint64(hours) * 3600).toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("sessionMetadata"), meta);
        return writeFile(path, QJsonDocument(o).toJson());
    }
    void reopen()
    {
        lib.reset();
        auto opened = tsg::Library::open(dir.path());
        if (!opened.ok())
            qFatal("Library::open failed: %s", qPrintable(opened.error().message));
        lib = std::move(opened).value();
    }
};

// A batch of in-memory files: {path, bytes}.
inline std::shared_ptr<tsg::UploadBatch> batchOf(const QList<std::pair<QString, QByteArray>> &files)
{
    auto batch = std::make_shared<tsg::UploadBatch>();
    for (const auto &[path, bytes] : files)
        batch->files.push_back({.path = path, .claimedType = QString(), .source = tsg::bufferSource(bytes)});
    return batch;
}

} // namespace testing
