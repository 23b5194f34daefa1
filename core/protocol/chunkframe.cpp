#include "chunkframe.h"

#include <QtEndian>

namespace tsg {

namespace {
constexpr char kMagic[4] = {'T', 'S', 'G', 1};
}

Result<ChunkFrame> ChunkFrame::parse(const QByteArray &frame)
{
    // "TSG" and a version byte other than 1: a header this server cannot read, not a missing one.
    if (frame.size() >= kHeaderSize && std::memcmp(frame.constData(), kMagic, 3) == 0 && frame.at(3) != kMagic[3])
        return Error::invalid(QStringLiteral("Chunk header version %1 is not supported: this server reads version 1 "
                                             "(the header starts 'TSG' 0x01)")
                                  .arg(uchar(frame.at(3))));
    if (frame.size() < kHeaderSize || std::memcmp(frame.constData(), kMagic, 4) != 0)
        return Error::invalid(QStringLiteral("Binary frame without a chunk header: a chunk starts with the 32-byte "
                                             "header 'TSG' 0x01, upload id, file index, offset (see upload:begin)"));
    const auto *p = reinterpret_cast<const uchar *>(frame.constData());
    ChunkFrame f;
    f.uploadId = QString::fromLatin1(frame.mid(4, 16).toHex());
    f.fileIndex = qFromBigEndian<quint32>(p + 20);
    const quint64 offset = qFromBigEndian<quint64>(p + 24);
    if (offset > quint64(std::numeric_limits<qint64>::max()))
        return Error::invalid(QStringLiteral("Chunk offset %1 is out of range").arg(offset));
    f.offset = qint64(offset);
    return f;
}

QByteArray ChunkFrame::header(const QString &uploadId, quint32 fileIndex, quint64 offset)
{
    QByteArray h(kMagic, 4);
    h += QByteArray::fromHex(uploadId.toLatin1()).leftJustified(16, '\0', true);
    char tail[12];
    qToBigEndian(fileIndex, tail);
    qToBigEndian(offset, tail + 4);
    h.append(tail, 12);
    return h;
}

} // namespace tsg
