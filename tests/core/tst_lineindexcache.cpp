// LineIndexCache on its own: it answers only the identity it was given, keeps within its entry and byte limits
// (least recently used out first), thins an index too large for it, and stays consistent under parallel use.
#include "lineindexcache.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace tsg;

class TestLineIndexCache : public QObject {
    Q_OBJECT
private slots:
    void answersOnlyTheSameVersionOfAFile();
    void staysWithinItsBounds();
    void evictsTheLeastRecentlyUsed();
    void thinsAnIndexTooLargeForIt();
    void staysWithinItsBoundsUnderParallelUse();
};

namespace {

FileIdentity fileNo(quint64 inode, qint64 size = 1000)
{
    return {.device = 1, .inode = inode, .size = size, .mtimeNs = 1000, .ctimeNs = 1000, .encoding = u"UTF-8"_qs};
}

// Line starts every `every` lines of a file of `lines` lines, each 10 bytes long.
LineIndex indexOf(int lines, int every = 1)
{
    LineIndex index{.size = qint64(lines) * 10, .lines = lines, .every = every, .encoding = u"UTF-8"_qs};
    for (int line = 1; line <= lines; line += every)
        index.offsets.append(qint64(line - 1) * 10);
    return index;
}

} // namespace

void TestLineIndexCache::answersOnlyTheSameVersionOfAFile()
{
    LineIndexCache cache;
    cache.insert(fileNo(7), indexOf(100));
    QVERIFY(cache.find(fileNo(7)));
    QCOMPARE(cache.find(fileNo(7))->offsets, indexOf(100).offsets);
    QVERIFY(!cache.find(fileNo(8)));

    const auto changed = [](auto change) {
        FileIdentity file = fileNo(7);
        change(file);
        return file;
    };
    QVERIFY(!cache.find(changed([](FileIdentity &f) { f.device = 2; })));
    QVERIFY(!cache.find(changed([](FileIdentity &f) { f.encoding = u"Latin-1"_qs; })));
    QVERIFY(!cache.find(changed([](FileIdentity &f) { f.ctimeNs += 1; })));
    QVERIFY(!cache.find(fileNo(7))); // the ctime check dropped the older version
    cache.insert(fileNo(7), indexOf(100));
    QVERIFY(!cache.find(changed([](FileIdentity &f) { f.mtimeNs += 1; })));
    cache.insert(fileNo(7), indexOf(100));
    QVERIFY(!cache.find(changed([](FileIdentity &f) { f.size += 1; })));
    QCOMPARE(cache.stats().entries, 0);

    // A newer version replaces the older one.
    cache.insert(fileNo(7), indexOf(100));
    cache.insert(fileNo(7, 2000), indexOf(200));
    QCOMPARE(cache.stats().entries, 1);
    QCOMPARE(cache.find(fileNo(7, 2000))->lines, 200);
}

void TestLineIndexCache::staysWithinItsBounds()
{
    const LineIndexCache::Limits limits{.maxEntries = 5, .maxBytes = 64 * 1024};
    LineIndexCache cache(limits);
    bool byteLimitEvicted = false;
    for (int i = 1; i <= 200; ++i) {
        // Up to 1,900 offsets (about 15 KB): under the quarter of maxBytes that is kept unthinned, and five of
        // them are over maxBytes.
        cache.insert(fileNo(quint64(i)), indexOf(i * 37 % 1900 + 1));
        const auto stats = cache.stats();
        QVERIFY2(stats.entries <= limits.maxEntries, qPrintable(QString::number(stats.entries)));
        QVERIFY2(stats.bytes <= limits.maxBytes, qPrintable(QString::number(stats.bytes)));
        QVERIFY(stats.entries >= 1);
        byteLimitEvicted = byteLimitEvicted || (i > limits.maxEntries && stats.entries < limits.maxEntries);
    }
    QVERIFY(byteLimitEvicted);        // the byte limit, not only the entry limit, was in play
    QVERIFY(cache.find(fileNo(200))); // the last one is kept
    cache.clear();
    QCOMPARE(cache.stats().entries, 0);
    QCOMPARE(cache.stats().bytes, 0);
}

void TestLineIndexCache::evictsTheLeastRecentlyUsed()
{
    LineIndexCache cache({.maxEntries = 3, .maxBytes = 1 << 20});
    for (quint64 inode = 1; inode <= 3; ++inode)
        cache.insert(fileNo(inode), indexOf(10));
    QVERIFY(cache.find(fileNo(1))); // 1 is now the most recently used, 2 the least
    cache.insert(fileNo(4), indexOf(10));
    QCOMPARE(cache.stats().entries, 3);
    QVERIFY(!cache.find(fileNo(2)));
    QVERIFY(cache.find(fileNo(1)));
    QVERIFY(cache.find(fileNo(3)));
    QVERIFY(cache.find(fileNo(4)));
}

void TestLineIndexCache::thinsAnIndexTooLargeForIt()
{
    LineIndexCache cache({.maxEntries = 8, .maxBytes = 64 * 1024});
    const LineIndex full = indexOf(100000, 4); // 25,000 offsets, 200 KB
    cache.insert(fileNo(1), full);
    const auto kept = cache.find(fileNo(1));
    QVERIFY(kept);
    QVERIFY(LineIndexCache::costOf(fileNo(1), *kept) <= 64 * 1024 / 4);
    QCOMPARE(kept->lines, 100000);
    QVERIFY(kept->every > 4);
    QCOMPARE(kept->every % 4, 0);
    // Still where every `every`-th line starts.
    const int step = kept->every / 4;
    QCOMPARE(kept->offsets.size(), (full.offsets.size() + step - 1) / step);
    for (qsizetype k = 0; k < kept->offsets.size(); ++k)
        QCOMPARE(kept->offsets.at(k), qint64(k) * kept->every * 10);
    QVERIFY(cache.stats().bytes <= 64 * 1024);
}

void TestLineIndexCache::staysWithinItsBoundsUnderParallelUse()
{
    const LineIndexCache::Limits limits{.maxEntries = 16, .maxBytes = 128 * 1024};
    LineIndexCache cache(limits);
    std::vector<std::thread> threads;
    std::atomic<int> wrong = 0;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, &wrong, t] {
            for (int i = 0; i < 5000; ++i) {
                const quint64 inode = quint64((i * 7 + t) % 40) + 1;
                const int lines = int(inode) * 50;
                if (i % 3 == 0) {
                    cache.insert(fileNo(inode), indexOf(lines));
                } else if (const auto found = cache.find(fileNo(inode))) {
                    if (found->lines != lines || found->offsets.size() != lines)
                        ++wrong;
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(wrong.load(), 0);
    const auto stats = cache.stats();
    QVERIFY(stats.entries <= limits.maxEntries);
    QVERIFY(stats.bytes <= limits.maxBytes);
    QVERIFY(stats.hits > 0);
}

QTEST_GUILESS_MAIN(TestLineIndexCache)
#include "tst_lineindexcache.moc"
