// tsg:move-file and tsg:make-folder over a real socket: a file and a folder move (the bytes, the time and the
// checksum go along), a folder is made, each replies with the listing then its success and is pushed to a second
// client; an existing target, a folder into itself, a bad path or type, an unknown source and a symbolic link (or a
// path through one) are refused and change nothing.
#include "testserver.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace testing;
using namespace Qt::StringLiterals;

namespace {

QStringList pathsIn(const QJsonObject &filesResponse)
{
    QStringList out;
    for (const QJsonValue &v : filesResponse.value(u"data").toObject().value(u"files").toArray())
        out << v.toObject().value(u"path").toString();
    return out;
}

QJsonObject entry(const QJsonObject &filesResponse, const QString &path)
{
    for (const QJsonValue &v : filesResponse.value(u"data").toObject().value(u"files").toArray())
        if (v.toObject().value(u"path").toString() == path)
            return v.toObject();
    return {};
}

} // namespace

class TestMoveFile : public QObject {
    Q_OBJECT
private slots:
    void moveAFileAndAFolderAndMakeAFolder()
    {
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"vpn"_s)).ok());
        QVERIFY(await(s.t.lib->upload(tsg::UploadTarget::tsg(u"vpn"_s),
                                      batchOf({{u"logs/vpn.log"_s, "Error"}, {u"logs/old/a.log"_s, "a"}})))
                    .ok());
        TestClient c, other;
        QVERIFY(c.open(s.url()));
        QVERIFY(other.open(s.url()));
        const QJsonObject before =
            c.request(u"tsg:get-files"_s, QJsonObject{{u"name"_s, u"vpn"_s}}, u"tsg:files:response"_s);
        const QString sha = entry(before, u"logs/vpn.log"_s).value(u"sha256").toString();
        QVERIFY(!sha.isEmpty());
        const QString modified = entry(before, u"logs/vpn.log"_s).value(u"modifiedAt").toString();

        const qsizetype seen = other.messages.size();
        const auto moved = c.await(c.send(u"tsg:move-file"_s,
                                          QJsonObject{{u"name"_s, u"VPN"_s},
                                                      {u"from"_s, u"logs/vpn.log"_s},
                                                      {u"to"_s, u"evidence/2025 vpn.log"_s}}),
                                   {u"tsg:move-file:success"_s});
        QCOMPARE(c.types(moved), QStringList({u"tsg:files:response"_s, u"tsg:move-file:success"_s}));
        const QJsonObject success = moved.last().value(u"data").toObject();
        QCOMPARE(success.value(u"name").toString(), u"vpn"_s);
        QCOMPARE(success.value(u"from").toString(), u"logs/vpn.log"_s);
        QCOMPARE(success.value(u"to").toString(), u"evidence/2025 vpn.log"_s);
        QVERIFY(pathsIn(moved.first()).contains(u"evidence/2025 vpn.log"_s));
        QVERIFY(!pathsIn(moved.first()).contains(u"logs/vpn.log"_s));
        QCOMPARE(readAll(s.t.tsgPath(u"vpn"_s, u"evidence/2025 vpn.log"_s)), QByteArray("Error"));
        QCOMPARE(entry(moved.first(), u"evidence/2025 vpn.log"_s).value(u"sha256").toString(), sha);
        QCOMPARE(entry(moved.first(), u"evidence/2025 vpn.log"_s).value(u"modifiedAt").toString(), modified);
        // Pushed to the other client like every change.
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (qsizetype i = seen; i < other.messages.size(); ++i)
                    if (other.messages.at(i).value(u"type").toString() == u"tsg:list:response")
                        return true;
                return false;
            },
            5000));

        // A folder, with what is in it.
        const auto folder =
            c.await(c.send(u"tsg:move-file"_s,
                           QJsonObject{{u"name"_s, u"vpn"_s}, {u"from"_s, u"logs/old"_s}, {u"to"_s, u"archive"_s}}),
                    {u"tsg:move-file:success"_s});
        QCOMPARE(c.types(folder).last(), u"tsg:move-file:success"_s);
        QCOMPARE(readAll(s.t.tsgPath(u"vpn"_s, u"archive/a.log"_s)), QByteArray("a"));
        QVERIFY(!QFileInfo::exists(s.t.tsgPath(u"vpn"_s, u"logs/old"_s)));

        // A new empty folder.
        const auto made = c.await(c.send(u"tsg:make-folder"_s,
                                         QJsonObject{{u"name"_s, u"vpn"_s}, {u"path"_s, u"evidence/screens"_s}}),
                                  {u"tsg:make-folder:success"_s});
        QCOMPARE(c.types(made), QStringList({u"tsg:files:response"_s, u"tsg:make-folder:success"_s}));
        QVERIFY(QFileInfo(s.t.tsgPath(u"vpn"_s, u"evidence/screens"_s)).isDir());
        QVERIFY(pathsIn(made.first()).contains(u"evidence/screens"_s));
    }

    void refusalsChangeNothing_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("data");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        const auto move = [](const QString &from, const QString &to) {
            return QJsonObject{{u"name"_s, u"vpn"_s}, {u"from"_s, from}, {u"to"_s, to}};
        };
        QTest::newRow("existing file") << u"tsg:move-file"_s << move(u"a.md"_s, u"b.md"_s) << u"exists"_s
                                       << u"'b.md' is in TSG 'vpn' already"_s;
        QTest::newRow("existing in another case")
            << u"tsg:move-file"_s << move(u"a.md"_s, u"B.MD"_s) << u"exists"_s << u"already"_s;
        QTest::newRow("existing in a folder")
            << u"tsg:move-file"_s << move(u"b.md"_s, u"docs/c.md"_s) << u"exists"_s << u"already"_s;
        QTest::newRow("existing folder") << u"tsg:move-file"_s << move(u"docs"_s, u"A.md"_s) << u"exists"_s
                                         << u"already"_s;
        QTest::newRow("folder into itself")
            << u"tsg:move-file"_s << move(u"docs"_s, u"docs/inner"_s) << u"invalid"_s << u"into itself"_s;
        QTest::newRow("outside the TSG") << u"tsg:move-file"_s << move(u"a.md"_s, u"../a.md"_s) << u"invalid"_s
                                         << u"Invalid file path"_s;
        QTest::newRow("type not allowed")
            << u"tsg:move-file"_s << move(u"a.md"_s, u"a.exe"_s) << u"type_not_allowed"_s << u"not allowed"_s;
        QTest::newRow("no source") << u"tsg:move-file"_s << move(u"nope.md"_s, u"c.md"_s) << u"not_found"_s
                                   << u"not found"_s;
        QTest::newRow("a link") << u"tsg:move-file"_s << move(u"link.md"_s, u"moved.md"_s) << u"invalid"_s
                                << u"symbolic link"_s;
        QTest::newRow("through a linked folder")
            << u"tsg:move-file"_s << move(u"linkdir/secret.md"_s, u"moved.md"_s) << u"invalid"_s << u"symbolic link"_s;
        QTest::newRow("folder exists") << u"tsg:make-folder"_s
                                       << QJsonObject{{u"name"_s, u"vpn"_s}, {u"path"_s, u"DOCS"_s}} << u"exists"_s
                                       << u"already"_s;
        QTest::newRow("folder over a file")
            << u"tsg:make-folder"_s << QJsonObject{{u"name"_s, u"vpn"_s}, {u"path"_s, u"a.md"_s}} << u"exists"_s
            << u"already"_s;
    }
    void refusalsChangeNothing()
    {
        QFETCH(QString, type);
        QFETCH(QJsonObject, data);
        QFETCH(QString, code);
        QFETCH(QString, says);
        TestServer s;
        QVERIFY(await(s.t.lib->createTsg(u"vpn"_s)).ok());
        QVERIFY(await(s.t.lib->upload(tsg::UploadTarget::tsg(u"vpn"_s),
                                      batchOf({{u"a.md"_s, "a"}, {u"b.md"_s, "b"}, {u"docs/c.md"_s, "c"}})))
                    .ok());
        // Links a user made by hand in the TSG, to a file and a folder outside it: never followed, never moved.
        QTemporaryDir outside;
        QVERIFY(QFile(outside.filePath(u"secret.md"_s)).open(QIODevice::WriteOnly));
        QVERIFY(QFile::link(outside.filePath(u"secret.md"_s), s.t.tsgPath(u"vpn"_s, u"link.md"_s)));
        QVERIFY(QFile::link(outside.path(), s.t.tsgPath(u"vpn"_s, u"linkdir"_s)));
        TestClient c;
        QVERIFY(c.open(s.url()));
        const QJsonObject reply = c.request(type, data, type + u":success"_s);
        QCOMPARE(reply.value(u"type").toString(), u"tsg:error"_s);
        QCOMPARE(reply.value(u"code").toString(), code);
        QVERIFY2(reply.value(u"message").toString().contains(says), qPrintable(reply.value(u"message").toString()));
        QCOMPARE(readAll(s.t.tsgPath(u"vpn"_s, u"a.md"_s)), QByteArray("a"));
        QCOMPARE(readAll(s.t.tsgPath(u"vpn"_s, u"b.md"_s)), QByteArray("b"));
        QCOMPARE(readAll(s.t.tsgPath(u"vpn"_s, u"docs/c.md"_s)), QByteArray("c"));
        QVERIFY(!QFileInfo::exists(s.t.tsgPath(u"vpn"_s, u"a.exe"_s)));
        QVERIFY(!QFileInfo::exists(s.t.tsgPath(u"vpn"_s, u"docs/inner"_s)));
        QVERIFY(!QFileInfo::exists(s.t.tsgPath(u"vpn"_s, u"moved.md"_s)));
        QVERIFY(QFileInfo(s.t.tsgPath(u"vpn"_s, u"link.md"_s)).isSymLink());
        QVERIFY(QFileInfo::exists(outside.filePath(u"secret.md"_s)));
    }
};

QTEST_MAIN(TestMoveFile)
#include "tst_movefile.moc"
