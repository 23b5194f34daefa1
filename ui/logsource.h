// The lines of one text file of a TSG for the log viewer, read only where they are looked at: a sparse index of
// where every 256th line starts (built on a worker thread), then blocks of lines read by byte range through the
// Library and kept while they are near the view, so that a 100 MB log opens and scrolls without being read whole.
#pragma once

#include "library.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace tsg {

class LogSource : public QObject {
    Q_OBJECT
public:
    static constexpr int kLinesPerBlock = 256;
    static constexpr int kMaxBlocks = 32; // kept at most; the least recently used go first

    explicit LogSource(Library &library, QObject *parent = nullptr);

    // Starts indexing the file; ready() or failed() follows. Forgets the previous file at once.
    void open(const QString &tsg, const QString &path);
    void close();

    bool isReady() const { return m_ready; }
    const QString &tsg() const { return m_tsg; }
    const QString &path() const { return m_path; }
    int lineCount() const { return m_index.lines; }
    qint64 fileSize() const { return m_index.size; }
    QString encoding() const { return m_index.encoding; }

    // Whether 1-based line `n` is held, and its text (tabs expanded; empty when not held).
    bool hasLine(int n) const;
    QString line(int n) const;
    // Reads the blocks of lines first..last that are not held or on their way (linesArrived() when they are).
    void request(int first, int last);

    // What is held now: lines and the UTF-8 bytes they came from (never the whole file of a big log).
    int heldLines() const;
    qint64 heldBytes() const;
    int longestHeldLine() const { return m_longest; } // characters

signals:
    void ready();
    void failed(const QString &message);
    void linesArrived();

private:
    struct Block {
        QStringList lines;
        qint64 bytes = 0;
        quint64 lastUse = 0;
    };
    void arrived(int block, Block b);
    void evict(int keepFirst, int keepLast);

    Library &m_library;
    QString m_tsg;
    QString m_path;
    LineIndex m_index;
    bool m_ready = false;
    quint64 m_generation = 0; // answers of an older open() are dropped
    quint64 m_clock = 0;
    QHash<int, Block> m_blocks;
    QSet<int> m_pending;
    int m_longest = 0;
};

} // namespace tsg
