// The envelope check of MessageRouter, through handleText() with a RecordingContext and a few test routes: what
// it refuses (the reply's type, code, message and requestId) and what a valid request hands its handler.
#include "recordingcontext.h"

#include "messagerouter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace testing;
using namespace tsg;
using namespace Qt::StringLiterals;

namespace {

using Type = json::Value::Type;

// What a test route's handler was given.
struct Call {
    QString type;
    QString sessionId;
    QJsonValue requestId;
    QJsonValue data;
};

// Routes whose handlers record the request and reply "<type>:done".
MessageRouter testRouter(QList<Call> &calls)
{
    const HandlerFn record = [&calls](const Request &r, HandlerContext &c) {
        calls.append(
            {.type = r.type, .sessionId = r.sessionId, .requestId = r.requestId, .data = r.data().toJsonValue()});
        c.reply(r, {{u"type"_s, r.type + u":done"_s}});
    };
    MessageRouter router;
    router.add(u"tsg:ping"_s, {}, record);
    router.add(u"tsg:fields"_s,
               {.fields = {{.name = u"name"_s, .type = Type::String, .maxLength = 8},
                           {.name = u"count"_s, .type = Type::Number},
                           {.name = u"note"_s, .type = Type::String, .required = false, .nullable = true},
                           {.name = u"tags"_s, .type = Type::Array, .required = false}}},
               record);
    router.add(u"tsg:needs"_s, {.fields = {}, .needsSession = true}, record);
    router.add(u"session:needs"_s, {.fields = {}, .needsSession = true}, record);
    router.add(u"upload:needs"_s, {.fields = {}, .needsSession = true}, record);
    return router;
}

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

class TestMessageRouter : public QObject {
    Q_OBJECT
private slots:
    void invalidJsonIsAnErrorWithoutRequestId();
    void rootMustBeAnObject();
    void missingOrInvalidTypeEchoesRequestId_data();
    void missingOrInvalidTypeEchoesRequestId();
    void unknownTypeIsUnknownType();
    void requestIdOfWrongTypeIsRefused();
    void absentRequestIdIsNotEchoed();
    void badSessionIdIsRefused_data();
    void badSessionIdIsRefused();
    void missingSessionIsRefusedAsTheMessagesPrefix_data();
    void missingSessionIsRefusedAsTheMessagesPrefix();
    void dataMustBeAnObject();
    void fieldProblemsAreReportedAtOnce();
    void fieldSpecsAcceptWhatTheyAllow();
    void validRequestReachesItsHandler();
    void useSessionOnlyWithASessionId();
    void overLongRequestIdIsNotEchoed();
};

void TestMessageRouter::invalidJsonIsAnErrorWithoutRequestId()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    for (const QString &bad : {u"{\"type\":\"tsg:ping\",\"requestId\":\"r1\""_s, u"not json"_s, QString(),
                               u"{\"type\":\"tsg:ping\",\"requestId\":\"r1\"} {}"_s, u"{'type':'tsg:ping'}"_s}) {
        RecordingContext ctx;
        router.handleText(bad, ctx);
        QCOMPARE(ctx.sent().size(), 1);
        const QJsonObject e = ctx.sent().first();
        QCOMPARE(e.value(u"type").toString(), u"error"_s);
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        QVERIFY2(e.value(u"message").toString().startsWith(u"Invalid JSON"), qPrintable(ctx.sentTexts().first()));
        QVERIFY2(!e.contains(u"requestId"), qPrintable(ctx.sentTexts().first()));
        QVERIFY(!e.contains(u"originalType"));
        QVERIFY(ctx.usedSessions().isEmpty());
    }
    QVERIFY(calls.isEmpty());
}

void TestMessageRouter::rootMustBeAnObject()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    for (const QString &root :
         {u"[{\"type\":\"tsg:ping\",\"requestId\":\"r1\"}]"_s, u"\"tsg:ping\""_s, u"42"_s, u"null"_s, u"true"_s}) {
        RecordingContext ctx;
        router.handleText(root, ctx);
        QCOMPARE(ctx.sent().size(), 1);
        const QJsonObject e = ctx.sent().first();
        QCOMPARE(e.value(u"type").toString(), u"error"_s);
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        QCOMPARE(e.value(u"message").toString(), u"A message must be a JSON object"_s);
        QVERIFY(!e.contains(u"requestId"));
    }
    QVERIFY(calls.isEmpty());
}

void TestMessageRouter::missingOrInvalidTypeEchoesRequestId_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonValue>("requestId");
    QTest::newRow("no type, string id") << u"{\"requestId\":\"r-1\",\"data\":{}}"_s << QJsonValue(u"r-1"_s);
    QTest::newRow("number type, number id") << u"{\"type\":42,\"requestId\":17}"_s << QJsonValue(17);
    QTest::newRow("null type, fraction id") << u"{\"type\":null,\"requestId\":2.5}"_s << QJsonValue(2.5);
    QTest::newRow("object type") << u"{\"type\":{\"a\":1},\"requestId\":\"o\"}"_s << QJsonValue(u"o"_s);
    QTest::newRow("type longer than 64") << u"{\"type\":\"tsg:%1\",\"requestId\":\"long\"}"_s.arg(QString(61, u'x'))
                                         << QJsonValue(u"long"_s);
    QTest::newRow("no type, no id") << u"{}"_s << QJsonValue(QJsonValue::Undefined);
}

void TestMessageRouter::missingOrInvalidTypeEchoesRequestId()
{
    QFETCH(QString, message);
    QFETCH(QJsonValue, requestId);
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    router.handleText(message, ctx);
    QCOMPARE(ctx.sent().size(), 1);
    const QJsonObject e = ctx.sent().first();
    QCOMPARE(e.value(u"type").toString(), u"error"_s);
    QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
    QVERIFY2(e.value(u"message").toString().contains(u"'type'"), qPrintable(ctx.sentTexts().first()));
    QVERIFY(!e.contains(u"originalType"));
    QVERIFY(calls.isEmpty());
    QCOMPARE(e.value(u"requestId"), requestId); // undefined: no requestId member at all
}

void TestMessageRouter::unknownTypeIsUnknownType()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    router.handleText(u"{\"type\":\"tsg:nope\",\"requestId\":\"u1\",\"sessionId\":\"s1\",\"data\":{}}"_s, ctx);
    QCOMPARE(ctx.sent().size(), 1);
    const QJsonObject e = ctx.sent().first();
    QCOMPARE(e.value(u"type").toString(), u"error"_s);
    QCOMPARE(e.value(u"code").toString(), u"unknown_type"_s);
    QCOMPARE(e.value(u"message").toString(), u"Unknown message type: tsg:nope"_s);
    QCOMPARE(e.value(u"requestId").toString(), u"u1"_s);
    // A type is matched exactly: a known type in another case is unknown.
    router.handleText(u"{\"type\":\"TSG:PING\",\"requestId\":9}"_s, ctx);
    QCOMPARE(ctx.sent().size(), 2);
    QCOMPARE(ctx.sent().at(1).value(u"code").toString(), u"unknown_type"_s);
    QCOMPARE(ctx.sent().at(1).value(u"requestId"), QJsonValue(9));
    QVERIFY(calls.isEmpty());
    QVERIFY(ctx.usedSessions().isEmpty());
}

void TestMessageRouter::requestIdOfWrongTypeIsRefused()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    for (const QString &id : {u"true"_s, u"{\"a\":1}"_s, u"[1]"_s})
        router.handleText(u"{\"type\":\"tsg:ping\",\"requestId\":%1}"_s.arg(id), ctx);
    QCOMPARE(ctx.sent().size(), 3);
    for (const QJsonObject &e : ctx.sent()) {
        QCOMPARE(e.value(u"type").toString(), u"tsg:error"_s);
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        QCOMPARE(e.value(u"message").toString(), u"'requestId' must be a string or a number"_s);
        QCOMPARE(e.value(u"originalType").toString(), u"tsg:ping"_s);
    }
    QVERIFY(calls.isEmpty());
    // null is no requestId: the request goes on.
    router.handleText(u"{\"type\":\"tsg:ping\",\"requestId\":null}"_s, ctx);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(ctx.types().last(), u"tsg:ping:done"_s);
    // None of the replies has a requestId (the id was not one).
    for (const QString &sent : ctx.sentTexts())
        QVERIFY2(!sent.contains(u"\"requestId\":"), qPrintable(sent));
}

void TestMessageRouter::absentRequestIdIsNotEchoed()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    router.handleText(u"{\"type\":\"tsg:ping\"}"_s, ctx);   // reaches the handler
    router.handleText(u"{\"type\":\"tsg:fields\"}"_s, ctx); // refused by the route's fields
    router.handleText(u"{\"type\":\"tsg:nope\"}"_s, ctx);   // unknown type
    QCOMPARE(calls.size(), 1);
    QCOMPARE(ctx.types(), (QStringList{u"tsg:ping:done"_s, u"tsg:error"_s, u"error"_s}));
    // The handler is given no requestId (Request::requestId is "undefined when absent"), and no reply has one.
    QVERIFY2(calls.first().requestId.isUndefined(), qPrintable(ctx.sentTexts().first()));
    QCOMPARE(ctx.sentTexts().first(), u"{\"type\":\"tsg:ping:done\"}"_s);
    for (const QString &sent : ctx.sentTexts())
        QVERIFY2(!sent.contains(u"\"requestId\":"), qPrintable(sent));
}

void TestMessageRouter::badSessionIdIsRefused_data()
{
    QTest::addColumn<QString>("sessionId"); // as JSON
    QTest::newRow("empty") << u"\"\""_s;
    QTest::newRow("space") << u"\"a b\""_s;
    QTest::newRow("path") << u"\"../x\""_s;
    QTest::newRow("non-ASCII") << u"\"caf\u00e9\""_s;
    QTest::newRow("final newline") << u"\"abc\\n\""_s;
    QTest::newRow("129 characters") << u"\"%1\""_s.arg(QString(129, u'a'));
    QTest::newRow("number") << u"42"_s;
    QTest::newRow("object") << u"{}"_s;
}

void TestMessageRouter::badSessionIdIsRefused()
{
    QFETCH(QString, sessionId);
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    for (const QString &type : {u"tsg:ping"_s, u"session:needs"_s}) {
        RecordingContext ctx;
        router.handleText(u"{\"type\":\"%1\",\"requestId\":\"b\",\"sessionId\":%2}"_s.arg(type, sessionId), ctx);
        QCOMPARE(ctx.sent().size(), 1);
        const QJsonObject e = ctx.sent().first();
        QCOMPARE(e.value(u"type").toString(), type.section(u':', 0, 0) + u":error"_s);
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        QCOMPARE(e.value(u"message").toString(), u"'sessionId' must be 1 to 128 letters, digits, '-' or '_'"_s);
        QCOMPARE(e.value(u"originalType").toString(), type);
        QCOMPARE(e.value(u"requestId").toString(), u"b"_s);
        QVERIFY(ctx.usedSessions().isEmpty());
    }
    QVERIFY(calls.isEmpty());
}

void TestMessageRouter::missingSessionIsRefusedAsTheMessagesPrefix_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("errorType");
    QTest::newRow("tsg") << u"tsg:needs"_s << u"tsg:error"_s;
    QTest::newRow("session") << u"session:needs"_s << u"session:error"_s;
    QTest::newRow("upload") << u"upload:needs"_s << u"upload:error"_s;
}

void TestMessageRouter::missingSessionIsRefusedAsTheMessagesPrefix()
{
    QFETCH(QString, type);
    QFETCH(QString, errorType);
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    // Absent, and null (which is no sessionId).
    for (const QString &session : {QString(), u",\"sessionId\":null"_s}) {
        RecordingContext ctx;
        router.handleText(u"{\"type\":\"%1\",\"requestId\":5%2}"_s.arg(type, session), ctx);
        QCOMPARE(ctx.sent().size(), 1);
        const QJsonObject e = ctx.sent().first();
        QCOMPARE(e.value(u"type").toString(), errorType);
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        QCOMPARE(e.value(u"message").toString(), u"'sessionId' is required"_s);
        QCOMPARE(e.value(u"originalType").toString(), type);
        QCOMPARE(e.value(u"requestId"), QJsonValue(5));
    }
    QVERIFY(calls.isEmpty());
    // With one, it goes through.
    RecordingContext ctx;
    router.handleText(u"{\"type\":\"%1\",\"requestId\":5,\"sessionId\":\"s_1\"}"_s.arg(type), ctx);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().sessionId, u"s_1"_s);
    QCOMPARE(ctx.types(), QStringList{type + u":done"_s});
}

void TestMessageRouter::dataMustBeAnObject()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    for (const QString &data : {u"[1]"_s, u"\"x\""_s, u"5"_s, u"false"_s}) {
        RecordingContext ctx;
        router.handleText(u"{\"type\":\"tsg:ping\",\"requestId\":\"d\",\"data\":%1}"_s.arg(data), ctx);
        QCOMPARE(ctx.sent().size(), 1);
        const QJsonObject e = ctx.sent().first();
        QCOMPARE(e.value(u"type").toString(), u"tsg:error"_s);
        QCOMPARE(e.value(u"code").toString(), u"invalid"_s);
        QCOMPARE(e.value(u"message").toString(), u"'data' must be an object"_s);
        QCOMPARE(e.value(u"originalType").toString(), u"tsg:ping"_s);
        QCOMPARE(e.value(u"requestId").toString(), u"d"_s);
    }
    QVERIFY(calls.isEmpty());

    // A message whose route has fields needs data, and says which fields are missing.
    RecordingContext ctx;
    router.handleText(u"{\"type\":\"tsg:fields\"}"_s, ctx);
    QCOMPARE(ctx.sent().size(), 1);
    QCOMPARE(ctx.sent().first().value(u"message").toString(),
             u"'data' must be an object; data.name is required; data.count is required"_s);
    QVERIFY(calls.isEmpty());

    // Without fields, absent or null data is fine.
    router.handleText(u"{\"type\":\"tsg:ping\"}"_s, ctx);
    router.handleText(u"{\"type\":\"tsg:ping\",\"data\":null}"_s, ctx);
    QCOMPARE(calls.size(), 2);
}

void TestMessageRouter::fieldProblemsAreReportedAtOnce()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    const auto refusal = [&](const QJsonObject &data) {
        RecordingContext ctx;
        router.handleText(text({{u"type"_s, u"tsg:fields"_s}, {u"requestId"_s, u"f"_s}, {u"data"_s, data}}), ctx);
        if (ctx.sent().size() != 1)
            return u"%1 replies: %2"_s.arg(ctx.sent().size()).arg(ctx.sentTexts().join(u", "_s));
        const QJsonObject e = ctx.sent().first();
        if (e.value(u"type") != u"tsg:error"_s || e.value(u"code") != u"invalid"_s
            || e.value(u"originalType") != u"tsg:fields"_s || e.value(u"requestId") != u"f"_s)
            return u"not a tsg:error for the request: "_s + ctx.sentTexts().first();
        return e.value(u"message").toString();
    };

    QCOMPARE(refusal({}), u"data.name is required; data.count is required"_s);
    QCOMPARE(refusal({{u"name"_s, 5}, {u"count"_s, u"3"_s}, {u"note"_s, 7}, {u"tags"_s, u"a"_s}}),
             u"data.name must be a string; data.count must be a number; data.note must be a string or null; "
             "data.tags must be an array"_s);
    // null is "absent" only where the field allows it: a required, non-nullable field must be its type.
    QCOMPARE(refusal({{u"name"_s, QJsonValue::Null}, {u"count"_s, QJsonValue::Null}}),
             u"data.name must be a string; data.count must be a number"_s);
    // maxLength counts the string's characters: 8 are fine, 9 are not.
    QCOMPARE(refusal({{u"name"_s, u"123456789"_s}, {u"count"_s, 1}, {u"tags"_s, QJsonObject{}}}),
             u"data.name is longer than 8 characters; data.tags must be an array"_s);
    QVERIFY(calls.isEmpty());
}

void TestMessageRouter::fieldSpecsAcceptWhatTheyAllow()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    const QList<QJsonObject> accepted = {
        {{u"name"_s, u"12345678"_s}, {u"count"_s, 0}},
        {{u"name"_s, QString()}, {u"count"_s, -1.5}, {u"note"_s, QJsonValue::Null}, {u"tags"_s, QJsonValue::Null}},
        {{u"name"_s, u"n"_s},
         {u"count"_s, 2},
         {u"note"_s, u"a note"_s},
         {u"tags"_s, QJsonArray{1, u"x"_s}},
         {u"unknown"_s, true}},
    };
    for (const QJsonObject &data : accepted)
        router.handleText(text({{u"type"_s, u"tsg:fields"_s}, {u"data"_s, data}}), ctx);
    QCOMPARE(ctx.types(), QStringList(3, u"tsg:fields:done"_s));
    QCOMPARE(calls.size(), 3);
    for (qsizetype i = 0; i < calls.size(); ++i)
        QCOMPARE(calls.at(i).data.toObject(), accepted.at(i));
}

void TestMessageRouter::validRequestReachesItsHandler()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    const QJsonObject data{{u"name"_s, u"vpn"_s}, {u"count"_s, 2}, {u"note"_s, QJsonValue::Null}};
    router.handleText(
        text({{u"type"_s, u"tsg:fields"_s}, {u"requestId"_s, u"abc"_s}, {u"sessionId"_s, u"s-1"_s}, {u"data"_s, data}}),
        ctx);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().type, u"tsg:fields"_s);
    QCOMPARE(calls.first().sessionId, u"s-1"_s);
    QCOMPARE(calls.first().requestId, QJsonValue(u"abc"_s));
    QCOMPARE(calls.first().data.toObject(), data);
    // The handler's reply carries the request's id.
    QCOMPARE(ctx.sent().size(), 1);
    QCOMPARE(ctx.sent().first(), (QJsonObject{{u"type"_s, u"tsg:fields:done"_s}, {u"requestId"_s, u"abc"_s}}));

    // A number id is echoed as a number.
    router.handleText(u"{\"type\":\"tsg:ping\",\"requestId\":42}"_s, ctx);
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(1).requestId, QJsonValue(42));
    QCOMPARE(calls.at(1).sessionId, QString());
    QCOMPARE(ctx.sentTexts().at(1), u"{\"type\":\"tsg:ping:done\",\"requestId\":42}"_s);
}

void TestMessageRouter::useSessionOnlyWithASessionId()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    router.handleText(u"{\"type\":\"tsg:ping\"}"_s, ctx);
    router.handleText(u"{\"type\":\"tsg:ping\",\"sessionId\":null}"_s, ctx);
    QCOMPARE(calls.size(), 2);
    QVERIFY(ctx.usedSessions().isEmpty());
    const QString longest(128, u'Z');
    router.handleText(u"{\"type\":\"tsg:ping\",\"sessionId\":\"A-b_9\"}"_s, ctx);
    router.handleText(u"{\"type\":\"session:needs\",\"sessionId\":\"%1\"}"_s.arg(longest), ctx);
    QCOMPARE(calls.size(), 4);
    QCOMPARE(ctx.usedSessions(), (QStringList{u"A-b_9"_s, longest}));
    QCOMPARE(calls.at(3).sessionId, longest);
    // A refused request uses no session.
    router.handleText(u"{\"type\":\"tsg:fields\",\"sessionId\":\"kept\"}"_s, ctx);
    QCOMPARE(calls.size(), 4);
    QCOMPARE(ctx.usedSessions().size(), 2);
}

void TestMessageRouter::overLongRequestIdIsNotEchoed()
{
    QList<Call> calls;
    const MessageRouter router = testRouter(calls);
    RecordingContext ctx;
    const QString longest(256, u'i');
    const QString tooLong(257, u'i');
    router.handleText(u"{\"type\":\"tsg:ping\",\"requestId\":\"%1\"}"_s.arg(longest), ctx);
    // Too long: not echoed on the handler's reply, nor on the router's refusals.
    router.handleText(u"{\"type\":\"tsg:ping\",\"requestId\":\"%1\"}"_s.arg(tooLong), ctx);
    router.handleText(u"{\"type\":\"tsg:nope\",\"requestId\":\"%1\"}"_s.arg(tooLong), ctx);
    router.handleText(u"{\"type\":\"tsg:fields\",\"requestId\":\"%1\"}"_s.arg(tooLong), ctx);
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0).requestId, QJsonValue(longest));
    QCOMPARE(ctx.types(), (QStringList{u"tsg:ping:done"_s, u"tsg:ping:done"_s, u"error"_s, u"tsg:error"_s}));
    QCOMPARE(ctx.sent().at(0).value(u"requestId").toString(), longest);
    for (qsizetype i = 1; i < 4; ++i)
        QVERIFY2(!ctx.sentTexts().at(i).contains(u"\"requestId\":"), qPrintable(ctx.sentTexts().at(i)));
    QVERIFY(calls.at(1).requestId.isUndefined());
}

QTEST_GUILESS_MAIN(TestMessageRouter)
#include "tst_messagerouter.moc"
