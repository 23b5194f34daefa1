// Fuzzes the Socket.IO v5 / Engine.IO v4 packet codec (core/server/socketiocodec.*) with the text of one
// Engine.IO packet, as a client's WebSocket frame brings it: every refusal has a reason; what is accepted
// reads views inside the packet (never past it); an ack id is -1 or a JavaScript-safe number; a non-binary
// packet has no attachments; an event's argument written back by eventPayload() reads back the same.
#include "fuzzcheck.h"
#include "socketiocodec.h"

#include <cstdint>

namespace {

bool within(QStringView part, QStringView whole)
{
    return part.isEmpty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Codec = tsg::SocketIoCodec;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto engine = Codec::parseEngine(text);
    if (!engine.ok()) {
        FUZZ_CHECK(!engine.error().message.isEmpty(), QStringLiteral("an Engine.IO refusal without a reason"));
        return 0;
    }
    FUZZ_CHECK(within(engine->data, text), QStringLiteral("Engine.IO data outside the packet"));
    FUZZ_CHECK(Codec::engine(engine->type, engine->data) == text, QStringLiteral("engine() does not write back"));
    if (engine->type != Codec::EngineType::Message)
        return 0;
    const auto packet = Codec::parse(engine->data);
    if (!packet.ok()) {
        FUZZ_CHECK(!packet.error().message.isEmpty(), QStringLiteral("a Socket.IO refusal without a reason"));
        return 0;
    }
    FUZZ_CHECK(within(packet->payload, engine->data), QStringLiteral("a payload outside the packet"));
    FUZZ_CHECK(packet->ackId >= -1 && packet->ackId < (qint64(1) << 53), QStringLiteral("an ack id out of range"));
    FUZZ_CHECK(packet->attachments >= 0, QStringLiteral("a negative attachment count"));
    if (packet->type != Codec::Type::BinaryEvent && packet->type != Codec::Type::BinaryAck)
        FUZZ_CHECK(packet->attachments == 0, QStringLiteral("attachments on a text packet"));
    FUZZ_CHECK(packet->nameSpace.startsWith(u'/'), QStringLiteral("a namespace that does not start with '/'"));
    const auto event = Codec::parseEvent(packet->payload);
    if (!event.ok()) {
        FUZZ_CHECK(!event.error().message.isEmpty(), QStringLiteral("an event refusal without a reason"));
        return 0;
    }
    FUZZ_CHECK(within(event->argument, packet->payload), QStringLiteral("an argument outside the payload"));
    const auto again = Codec::parseEvent(Codec::eventPayload(event->name, event->argument));
    FUZZ_CHECK(again.ok(), QStringLiteral("eventPayload() wrote what parseEvent() refuses"));
    FUZZ_CHECK(again->argument == event->argument, QStringLiteral("the argument did not read back"));
    return 0;
}
