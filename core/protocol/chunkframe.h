// The binary frame of a chunked upload: a fixed 32-byte header, then the bytes.
//   0..3   magic "TSG" and version 1 (0x54 0x53 0x47 0x01)
//   4..19  upload id: 16 bytes (the 32 hex characters of `uploadId`, decoded)
//   20..23 file index, unsigned 32-bit big-endian
//   24..31 offset in that file, unsigned 64-bit big-endian
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace tsg {

struct ChunkFrame {
    static constexpr qsizetype kHeaderSize = 32;

    QString uploadId; // lower-case hex
    qint64 fileIndex = 0;
    qint64 offset = 0;

    // Reads the header; the payload is frame.constData() + kHeaderSize.
    static Result<ChunkFrame> parse(const QByteArray &frame);
    // The header for a chunk (tests and tools).
    static QByteArray header(const QString &uploadId, quint32 fileIndex, quint64 offset);
};

} // namespace tsg
