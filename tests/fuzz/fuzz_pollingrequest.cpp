// Fuzzes a Socket.IO long-polling request as a client's TCP connection brings it (core/server/pollingrequest.*,
// then the POST body as PollingSession::post() splits it and SocketIoAdapter reads each packet): the head, up to
// the blank line, is read by PollingRequest; every refusal is 400 or 413 with Engine.IO's JSON error body; an
// accepted request is a GET or a POST to /socket.io/ with EIO=4 and transport=polling, one Host, a body length
// from 0 to the bound (0 for a GET); written back as a canonical head it reads back the same; its body, cut at
// that length, split at \x1e, goes through the codec.
#include "fuzzcheck.h"
#include "pollingrequest.h"
#include "socketiocodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <cstdint>

namespace {

constexpr qint64 kMaxBody = 4096;

bool isEngineError(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isObject() && doc.object().value(u"code").isDouble() && doc.object().value(u"message").isString();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using tsg::PollingRequest;
    using Codec = tsg::SocketIoCodec;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    // The server waits for the blank line (and drops a head of 64 KiB without one); here the whole input is the
    // head when it has none.
    const QByteArray head = end < 0 ? bytes : bytes.left(end + 4);
    const PollingRequest r = PollingRequest::parse(head);
    const PollingRequest::Refusal headRefusal = r.headRefusal();
    if (headRefusal.refused()) {
        FUZZ_CHECK(headRefusal.status == 400, QStringLiteral("a malformed head answered %1").arg(headRefusal.status));
        FUZZ_CHECK(isEngineError(headRefusal.body), QString::fromLatin1(headRefusal.body));
        FUZZ_CHECK(r.requestRefusal(kMaxBody).status == 400, QStringLiteral("a malformed head taken after the gate"));
        return 0;
    }
    const PollingRequest::Refusal refusal = r.requestRefusal(kMaxBody);
    if (refusal.refused()) {
        FUZZ_CHECK(refusal.status == 400 || refusal.status == 413,
                   QStringLiteral("a refusal with status %1").arg(refusal.status));
        FUZZ_CHECK(isEngineError(refusal.body), QString::fromLatin1(refusal.body));
        FUZZ_CHECK(refusal.status != 413 || r.bodyLength() > kMaxBody, QStringLiteral("413 for a small body"));
        return 0;
    }
    FUZZ_CHECK(r.method() == "GET" || r.method() == "POST", QString::fromLatin1(r.method()));
    const QUrl url = r.url();
    const QUrlQuery query(url);
    FUZZ_CHECK(url.path() == u"/socket.io/", url.path());
    FUZZ_CHECK(query.queryItemValue(QStringLiteral("EIO")) == u"4", url.toString());
    FUZZ_CHECK(query.queryItemValue(QStringLiteral("transport")) == u"polling", url.toString());
    FUZZ_CHECK(!r.host().isEmpty() || url.host().isEmpty(), QStringLiteral("no Host"));
    const qint64 length = r.bodyLength();
    FUZZ_CHECK(length >= 0 && length <= kMaxBody, QStringLiteral("a body length of %1").arg(length));
    FUZZ_CHECK(r.isPost() || length == 0, QStringLiteral("a GET with a body length"));

    // Written back as a canonical head, it reads back the same.
    const QByteArray target = head.mid(head.indexOf(' ') + 1).split(' ').value(0);
    QByteArray canonical = r.method() + ' ' + target + " HTTP/1.1\r\nHost: " + r.host() + "\r\n";
    if (!r.origin().isEmpty())
        canonical += "Origin: " + r.origin() + "\r\n";
    if (r.isPost())
        canonical += "Content-Length: " + QByteArray::number(length) + "\r\n";
    const PollingRequest again = PollingRequest::parse(canonical + "\r\n");
    FUZZ_CHECK(!again.requestRefusal(kMaxBody).refused(), QString::fromLatin1(canonical));
    FUZZ_CHECK(again.method() == r.method() && again.host() == r.host() && again.origin() == r.origin()
                   && again.url() == url && again.sid() == r.sid() && again.bodyLength() == length,
               QString::fromLatin1(canonical));

    // The body a POST would be served with (when all of it is there), as PollingSession::post() reads it.
    if (!r.isPost() || end < 0 || bytes.size() - (end + 4) < length)
        return 0;
    const QString body = QString::fromUtf8(bytes.mid(end + 4, length));
    const QStringList packets = body.split(QChar(0x1e));
    for (const QString &p : packets) {
        const auto engine = Codec::parseEngine(p);
        if (!engine.ok()) {
            FUZZ_CHECK(!engine.error().message.isEmpty(), QStringLiteral("an Engine.IO refusal without a reason"));
            continue;
        }
        if (engine->type == Codec::EngineType::Message) {
            const auto packet = Codec::parse(engine->data);
            FUZZ_CHECK(packet.ok() || !packet.error().message.isEmpty(),
                       QStringLiteral("a Socket.IO refusal without a reason"));
            if (packet.ok() && packet->type == Codec::Type::Event) {
                const auto event = Codec::parseEvent(packet->payload);
                FUZZ_CHECK(event.ok() || !event.error().message.isEmpty(),
                           QStringLiteral("an event refusal without a reason"));
            }
        }
    }
    return 0;
}
