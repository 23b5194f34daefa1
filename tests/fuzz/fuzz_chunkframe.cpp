// Fuzzes the binary chunk header (core/server/chunkframe.*): a frame is accepted exactly when it holds
// 32 bytes or more, starts with "TSG" 0x01 and carries an offset below 2^63; an accepted header reads
// back what header() writes; a refusal always says why.
#include "chunkframe.h"
#include "fuzzcheck.h"

#include <QtEndian>

#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A copy of exactly `size` bytes, so ASan sees a read past the end.
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = tsg::ChunkFrame::parse(frame);
    const bool wellFormed = size >= 32 && std::memcmp(data, "TSG\x01", 4) == 0
        && qFromBigEndian<quint64>(data + 24) <= quint64(std::numeric_limits<qint64>::max());
    FUZZ_CHECK(parsed.ok() == wellFormed, QStringLiteral("accepted a bad header, or refused a good one"));
    if (!parsed.ok()) {
        FUZZ_CHECK(!parsed.error().message.isEmpty(), QStringLiteral("a refusal without a reason"));
        return 0;
    }
    const tsg::ChunkFrame &f = parsed.value();
    FUZZ_CHECK(f.uploadId.size() == 32 && f.fileIndex >= 0 && f.offset >= 0, QStringLiteral("out-of-range fields"));
    const QByteArray again = tsg::ChunkFrame::header(f.uploadId, quint32(f.fileIndex), quint64(f.offset));
    FUZZ_CHECK(again == frame.left(32), QStringLiteral("header() does not write back what parse() read"));
    return 0;
}
