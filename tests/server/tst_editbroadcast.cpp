// tsg:update and tsg:delete-file over a real socket: the replies to the client that asked, and the TSG list pushed
// to every other client, as for every other change.
#include "testserver.h"

#include <QJsonArray>

using namespace testing;
using namespace Qt::StringLiterals;

namespace {

QJsonObject firstTsg(const QJsonObject &list)
{
    return list.value(u"data").toObject().value(u"tsgs").toArray().first().toObject();
}

} // namespace

class TestEditBroadcast : public QObject {
    Q_OBJECT
private slots:
    void updateIsPushedToTheOtherClients();
    void deleteFileIsPushedToTheOtherClients();
};

void TestEditBroadcast::updateIsPushedToTheOtherClients()
{
    TestServer s;
    TestClient a, b;
    QVERIFY(a.open(s.url()));
    QVERIFY(b.open(s.url()));
    QTRY_COMPARE(s.runtime->clientCount(), 2);
    QVERIFY(await(s.t.lib->createTsg(u"vpn"_s)).ok());
    QTRY_COMPARE(a.messages.size(), 1); // the window's change, pushed to both
    QTRY_COMPARE(b.messages.size(), 1);
    a.messages.clear();
    b.messages.clear();

    const QString id =
        a.send(u"tsg:update"_s,
               QJsonObject{{u"name"_s, u"vpn"_s}, {u"newName"_s, u"VPN"_s}, {u"tags"_s, QJsonArray{u"net"_s}}});
    const auto replies = a.await(id, {u"tsg:update:success"_s});
    QCOMPARE(a.types(replies), (QStringList{u"tsg:list:response"_s, u"tsg:update:success"_s}));
    QCOMPARE(replies.last().value(u"data").toObject().value(u"previousName").toString(), u"vpn"_s);

    QTRY_COMPARE(b.messages.size(), 1);
    const QJsonObject pushed = b.messages.first();
    QCOMPARE(pushed.value(u"type").toString(), u"tsg:list:response"_s);
    QVERIFY(!pushed.contains(u"requestId"));
    QCOMPARE(firstTsg(pushed).value(u"name").toString(), u"VPN"_s);
    QCOMPARE(firstTsg(pushed).value(u"tags").toArray(), QJsonArray{u"net"_s});

    // The one who asked got its two replies and no broadcast: a later request's reply comes right after them.
    const QString later = a.send(u"tsg:list"_s);
    QVERIFY(!a.await(later, {u"tsg:list:response"_s}).isEmpty());
    QCOMPARE(a.types(a.messages),
             (QStringList{u"tsg:list:response"_s, u"tsg:update:success"_s, u"tsg:list:response"_s}));
    QCOMPARE(b.messages.size(), 1);
}

void TestEditBroadcast::deleteFileIsPushedToTheOtherClients()
{
    TestServer s;
    QVERIFY(await(s.t.lib->createTsg(u"guide"_s)).ok());
    QVERIFY(
        await(s.t.lib->upload(tsg::UploadTarget::tsg(u"guide"_s), batchOf({{u"a.md"_s, "a"}, {u"b.md"_s, "b"}}))).ok());
    TestClient a, b;
    QVERIFY(a.open(s.url()));
    QVERIFY(b.open(s.url()));
    QTRY_COMPARE(s.runtime->clientCount(), 2);

    const QString id = a.send(u"tsg:delete-file"_s, QJsonObject{{u"name"_s, u"guide"_s}, {u"path"_s, u"a.md"_s}});
    const auto replies = a.await(id, {u"tsg:delete-file:success"_s});
    QCOMPARE(a.types(replies), (QStringList{u"tsg:files:response"_s, u"tsg:delete-file:success"_s}));
    QTRY_COMPARE(b.messages.size(), 1);
    QCOMPARE(b.messages.first().value(u"type").toString(), u"tsg:list:response"_s);
    QCOMPARE(firstTsg(b.messages.first()).value(u"fileCount").toInt(-1), 1);
}

QTEST_GUILESS_MAIN(TestEditBroadcast)
#include "tst_editbroadcast.moc"
