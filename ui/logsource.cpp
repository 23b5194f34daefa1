#include "logsource.h"

#include "whenfinished.h"

namespace tsg {

namespace {

// The lines of a block's text: split on '\n', a trailing '\r' dropped, tabs expanded to the next multiple of 4.
QStringList splitLines(const QByteArray &utf8, int maxLines)
{
    QStringList lines;
    const QString text = QString::fromUtf8(utf8);
    qsizetype from = 0;
    while (from < text.size() && lines.size() < maxLines) {
        qsizetype end = text.indexOf(u'\n', from);
        if (end < 0)
            end = text.size();
        QString line = text.mid(from, end - from);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.contains(u'\t')) {
            QString expanded;
            for (const QChar c : std::as_const(line)) {
                if (c == u'\t')
                    expanded += QString(4 - expanded.size() % 4, u' ');
                else
                    expanded += c;
            }
            line = std::move(expanded);
        }
        lines << line;
        from = end + 1;
    }
    return lines;
}

} // namespace

LogSource::LogSource(Library &library, QObject *parent) : QObject(parent), m_library(library) {}

void LogSource::close()
{
    ++m_generation;
    m_tsg.clear();
    m_path.clear();
    m_index = {};
    m_ready = false;
    m_blocks.clear();
    m_pending.clear();
    m_longest = 0;
}

void LogSource::open(const QString &tsg, const QString &path)
{
    close();
    m_tsg = tsg;
    m_path = path;
    const quint64 generation = m_generation;
    whenFinished(m_library.indexTsgFileLines(tsg, path, kLinesPerBlock), this,
                 [this, generation](const Result<LineIndex> &index) {
                     if (generation != m_generation)
                         return;
                     if (!index.ok()) {
                         emit failed(index.error().message);
                         return;
                     }
                     m_index = index.value();
                     m_ready = true;
                     emit ready();
                 });
}

bool LogSource::hasLine(int n) const
{
    const auto it = m_blocks.constFind((n - 1) / kLinesPerBlock);
    return it != m_blocks.cend() && (n - 1) % kLinesPerBlock < it->lines.size();
}

QString LogSource::line(int n) const
{
    if (n < 1)
        return {};
    const auto it = m_blocks.constFind((n - 1) / kLinesPerBlock);
    if (it == m_blocks.cend())
        return {};
    const int at = (n - 1) % kLinesPerBlock;
    return at < it->lines.size() ? it->lines.at(at) : QString();
}

void LogSource::request(int first, int last)
{
    if (!m_ready || m_index.lines == 0)
        return;
    first = std::clamp(first, 1, m_index.lines);
    last = std::clamp(last, first, m_index.lines);
    const int firstBlock = (first - 1) / kLinesPerBlock;
    const int lastBlock = (last - 1) / kLinesPerBlock;
    for (int b = firstBlock; b <= lastBlock; ++b) {
        if (auto it = m_blocks.find(b); it != m_blocks.end()) {
            it->lastUse = ++m_clock;
            continue;
        }
        if (m_pending.contains(b) || b >= m_index.offsets.size())
            continue;
        m_pending.insert(b);
        const qint64 start = m_index.offsets.at(b);
        const qint64 end = b + 1 < m_index.offsets.size() ? m_index.offsets.at(b + 1) : m_index.size;
        const quint64 generation = m_generation;
        // Split on the worker that read it; the GUI thread only stores the lines.
        whenFinished(m_library
                         .readTsgFile(m_tsg, m_path,
                                      {.offset = start, .length = end - start, .lineCount = LineCount::Skip})
                         .then([](const Result<FileContent> &read) -> Result<Block> {
                             if (!read.ok())
                                 return read.error();
                             return Block{.lines = splitLines(read.value().bytes, kLinesPerBlock),
                                          .bytes = read.value().bytes.size()};
                         }),
                     this, [this, b, generation](const Result<Block> &block) {
                         if (generation != m_generation)
                             return;
                         m_pending.remove(b);
                         if (!block.ok()) {
                             emit failed(block.error().message);
                             return;
                         }
                         arrived(b, block.value());
                     });
    }
    evict(firstBlock, lastBlock);
}

void LogSource::arrived(int block, Block b)
{
    b.lastUse = ++m_clock;
    for (const QString &l : std::as_const(b.lines))
        m_longest = std::max(m_longest, int(l.size()));
    m_blocks.insert(block, std::move(b));
    emit linesArrived();
}

void LogSource::evict(int keepFirst, int keepLast)
{
    while (m_blocks.size() > kMaxBlocks) {
        auto oldest = m_blocks.end();
        for (auto it = m_blocks.begin(); it != m_blocks.end(); ++it) {
            if (it.key() >= keepFirst && it.key() <= keepLast)
                continue;
            if (oldest == m_blocks.end() || it->lastUse < oldest->lastUse)
                oldest = it;
        }
        if (oldest == m_blocks.end())
            return;
        m_blocks.erase(oldest);
    }
}

int LogSource::heldLines() const
{
    int n = 0;
    for (const Block &b : m_blocks)
        n += int(b.lines.size());
    return n;
}

qint64 LogSource::heldBytes() const
{
    qint64 n = 0;
    for (const Block &b : m_blocks)
        n += b.bytes;
    return n;
}

} // namespace tsg
