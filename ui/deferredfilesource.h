// A file on disk as an upload source that opens the file (through tsg::fileSource) only when the
// writer first reads it and closes it at its end, so a drop of 10,000 files never holds 10,000 open
// descriptors. The size is the one seen when the drop was planned; a file that changed since then
// fails the upload (nothing partial is stored).
#pragma once

#include "bytesource.h"

namespace tsg {

class DeferredFileSource : public ByteSource {
public:
    DeferredFileSource(QString path, qint64 plannedSize);
    qint64 size() const override { return m_size; }
    Result<qint64> read(char *buf, qint64 maxBytes) override;

private:
    QString m_path;
    qint64 m_size;
    qint64 m_done = 0;
    std::unique_ptr<ByteSource> m_file;
};

} // namespace tsg
