// The window's empty states (offscreen): with no TSGs the list says how to make one; a TSG without files says
// how to add them; each goes as soon as there is something to show and comes back when it is gone again,
// whoever made the change. The overlay lets drops through to the view under it.
#include "uitest.h"

#include "emptystateoverlay.h"
#include "filetreemodel.h"
#include "filetreeview.h"
#include "tsglistmodel.h"

#include <QTableView>

using namespace testing;
using namespace tsg;

class TestEmptyStateOverlay : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void comeAndGoWithTsgsAndFiles();
};

void TestEmptyStateOverlay::comeAndGoWithTsgsAndFiles()
{
    Window x;
    EmptyStateOverlay *list = x.w.listEmptyState();
    EmptyStateOverlay *files = x.w.filesEmptyState();
    QVERIFY(list->isVisible());
    QVERIFY2(list->text().contains(u"Ctrl+N") && list->text().contains(u"drop a folder here"),
             qPrintable(list->text()));
    QCOMPARE(list->geometry(), x.w.tsgView()->viewport()->rect()); // over the whole list
    QVERIFY(list->testAttribute(Qt::WA_TransparentForMouseEvents));
    QCOMPARE(x.w.tsgView()->viewport()->childAt(list->rect().center()), nullptr); // drops reach the list
    QVERIFY(!files->isVisible());

    // A TSG made by another client: the list's hint goes; selected, its empty file tree says what to do.
    QVERIFY(await(x.t.lib->createTsg(QStringLiteral("printer"), {}, {}, 5)).ok());
    QTRY_VERIFY(!list->isVisible());
    QVERIFY(x.select(QStringLiteral("printer")));
    QTRY_VERIFY(files->isVisible());
    QVERIFY2(files->text().contains(u"Drop files here") && files->text().contains(u"Add files"),
             qPrintable(files->text()));

    // A file arrives: the tree shows it, the hint goes; the file is deleted: the hint is back.
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("spooler.log")), "log"));
    x.w.upload(QStringLiteral("printer"), {src.filePath(QStringLiteral("spooler.log"))});
    QTRY_COMPARE(x.w.fileModel().fileCount(), 1);
    QTRY_VERIFY(!files->isVisible());
    QVERIFY(await(x.t.lib->deleteTsgFile(QStringLiteral("printer"), QStringLiteral("spooler.log"), 5)).ok());
    QTRY_COMPARE(x.w.fileModel().fileCount(), 0);
    QTRY_VERIFY(files->isVisible());

    // The last TSG goes: the list's hint is back, the tree has nothing to say.
    QVERIFY(await(x.t.lib->deleteTsg(QStringLiteral("printer"), 5)).ok());
    QTRY_VERIFY(list->isVisible());
    QTRY_VERIFY(!files->isVisible());
    // The overlay follows the list's size.
    x.w.resize(x.w.width() - 100, x.w.height() - 80);
    QTRY_COMPARE(list->geometry(), x.w.tsgView()->viewport()->rect());
}

QTEST_MAIN(TestEmptyStateOverlay)
#include "tst_emptystateoverlay.moc"
