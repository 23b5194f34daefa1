// The file tree as the user drives it (offscreen): a click on any column's header sorts by it, sizes and times by
// value (not as text), folders first; the folders the user opened are open again when they come back to a TSG;
// the Type column says one kind of word.
#include "uitest.h"

#include "filetreemodel.h"
#include "filetreeview.h"

#include <QHeaderView>

using namespace testing;
using namespace tsg;

namespace {

// The names at the top level of the tree, in the view's order.
QStringList topNames(const FileTreeModel &model)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << model.index(r, FileTreeModel::Name).data().toString();
    return names;
}

void clickHeader(FileTreeView *view, int column)
{
    QHeaderView *header = view->header();
    const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
}

void upload(TempLibrary &t, const QString &tsg, const QList<std::tuple<QString, int, qint64>> &files)
{
    auto batch = std::make_shared<UploadBatch>();
    for (const auto &[path, size, mtime] : files)
        batch->files.push_back({.path = path,
                                .claimedType = QString(),
                                .source = bufferSource(QByteArray(size, 'x')),
                                .mtimeMs = mtime > 0 ? std::optional<qint64>(mtime) : std::nullopt});
    QVERIFY(await(t.lib->upload(UploadTarget::tsg(tsg), batch)).ok());
}

} // namespace

class TestFileTreeView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void sortsByAnyColumnByValue();
    void expandedFoldersStayExpandedAcrossTsgs();
    void typeColumnSaysOneKindOfWord();
};

void TestFileTreeView::sortsByAnyColumnByValue()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Sorting"))).ok());
    const qint64 day = 86400000, t0 = 1760000000000; // mid-October 2025
    // Sizes whose text sorts otherwise ("9 bytes" < "10 bytes" only by value), times ten days apart.
    upload(x.t, QStringLiteral("Sorting"),
           {{QStringLiteral("b.log"), 9, t0 + 2 * day},
            {QStringLiteral("a.md"), 2000, t0},
            {QStringLiteral("c.txt"), 10, t0 + 1 * day},
            {QStringLiteral("folder/inner.md"), 1, t0}});
    QVERIFY(x.select(QStringLiteral("Sorting")));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 4);
    FileTreeView *view = x.w.fileView();
    QCOMPARE(topNames(x.w.fileModel()),
             (QStringList{QStringLiteral("folder"), QStringLiteral("a.md"), QStringLiteral("b.log"),
                          QStringLiteral("c.txt")}));
    clickHeader(view, FileTreeModel::Size);
    QCOMPARE(view->header()->sortIndicatorSection(), int(FileTreeModel::Size));
    const QStringList bySize{QStringLiteral("folder"), QStringLiteral("b.log"), QStringLiteral("c.txt"),
                             QStringLiteral("a.md")};
    const QStringList bySizeDown{QStringLiteral("folder"), QStringLiteral("a.md"), QStringLiteral("c.txt"),
                                 QStringLiteral("b.log")};
    QVERIFY2(topNames(x.w.fileModel()) == bySize || topNames(x.w.fileModel()) == bySizeDown,
             qPrintable(topNames(x.w.fileModel()).join(u',')));
    if (view->header()->sortIndicatorOrder() == Qt::AscendingOrder)
        QCOMPARE(topNames(x.w.fileModel()), bySize);
    clickHeader(view, FileTreeModel::Modified);
    QCOMPARE(view->header()->sortIndicatorSection(), int(FileTreeModel::Modified));
    view->sortByColumn(FileTreeModel::Modified, Qt::AscendingOrder);
    QCOMPARE(topNames(x.w.fileModel()),
             (QStringList{QStringLiteral("folder"), QStringLiteral("a.md"), QStringLiteral("c.txt"),
                          QStringLiteral("b.log")}));
    // A reload (a client adds a file) keeps the order asked for.
    upload(x.t, QStringLiteral("Sorting"), {{QStringLiteral("d.md"), 1, t0 + 3 * day}});
    QTRY_COMPARE(x.w.fileModel().fileCount(), 5);
    QCOMPARE(topNames(x.w.fileModel()).last(), QStringLiteral("d.md"));
}

void TestFileTreeView::expandedFoldersStayExpandedAcrossTsgs()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Deep one"))).ok());
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Other one"))).ok());
    upload(x.t, QStringLiteral("Deep one"),
           {{QStringLiteral("logs/2026/11/a.log"), 1, 0}, {QStringLiteral("notes/b.md"), 1, 0}});
    upload(x.t, QStringLiteral("Other one"), {{QStringLiteral("x.md"), 1, 0}});
    QVERIFY(x.select(QStringLiteral("Deep one")));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 2);
    FileTreeView *view = x.w.fileView();
    const auto at = [&](const QString &path) { return x.w.fileModel().indexOfPath(path); };
    QTRY_VERIFY(view->isExpanded(at(QStringLiteral("logs")))); // the first look opens the top level
    view->expand(at(QStringLiteral("logs/2026")));
    view->expand(at(QStringLiteral("logs/2026/11")));
    view->collapse(at(QStringLiteral("notes")));

    QVERIFY(x.select(QStringLiteral("Other one")));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 1);
    QVERIFY(x.select(QStringLiteral("Deep one")));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 2);
    QVERIFY(view->isExpanded(at(QStringLiteral("logs"))));
    QVERIFY(view->isExpanded(at(QStringLiteral("logs/2026"))));
    QVERIFY(view->isExpanded(at(QStringLiteral("logs/2026/11"))));
    QVERIFY(!view->isExpanded(at(QStringLiteral("notes"))));
}

void TestFileTreeView::typeColumnSaysOneKindOfWord()
{
    Window x;
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("Kinds"))).ok());
    upload(x.t, QStringLiteral("Kinds"),
           {{QStringLiteral("guide.md"), 1, 0},
            {QStringLiteral("agent.log"), 1, 0},
            {QStringLiteral("manual.pdf"), 1, 0},
            {QStringLiteral("screen.png"), 1, 0},
            {QStringLiteral("notes.txt"), 1, 0},
            {QStringLiteral("sub/x.md"), 1, 0}});
    QVERIFY(x.select(QStringLiteral("Kinds")));
    QTRY_COMPARE(x.w.fileModel().fileCount(), 6);
    const auto type = [&](const QString &path) {
        return x.w.fileModel().indexOfPath(path).siblingAtColumn(FileTreeModel::Type).data().toString();
    };
    QCOMPARE(type(QStringLiteral("guide.md")), QStringLiteral("Markdown"));
    QCOMPARE(type(QStringLiteral("agent.log")), QStringLiteral("Log"));
    QCOMPARE(type(QStringLiteral("manual.pdf")), QStringLiteral("PDF"));
    QCOMPARE(type(QStringLiteral("screen.png")), QStringLiteral("Image"));
    QCOMPARE(type(QStringLiteral("notes.txt")), QStringLiteral("Text"));
    QCOMPARE(type(QStringLiteral("sub")), QStringLiteral("Folder"));
}

QTEST_MAIN(TestFileTreeView)
#include "tst_filetreeview.moc"
