// PreviewPane over a real library (offscreen): markdown is rendered and its link to another file of the TSG opens
// in the pane, a link out of the TSG is refused, a web link goes to the injected opener (no browser); an image
// shows scaled to fit; a PDF opens at the hit's page; a hit in a log opens at its line; nothing selected shows
// the empty state.
#include "testlibrary.h"

#include "imageview.h"
#include "logview.h"
#include "markdownview.h"
#include "previewpane.h"

#include <QBuffer>
#include <QImage>
#include <QLabel>
#include <QPageSize>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfPageNavigator>
#include <QPdfView>
#include <QPdfWriter>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

using namespace testing;
using namespace tsg;

class TestPreviewPane : public QObject {
    Q_OBJECT
private slots:
    void emptyUntilSomethingIsSelected();
    void markdownLinkOpensAnotherFileOfTheTsg();
    void linksOutOfTheTsgAreRefusedAndWebLinksGoOut();
    void imageShowsScaledToFit();
    void pdfOpensAtTheHitsPage();
    void hitInALogOpensAtItsLine();
};

namespace {

QByteArray png(int w, int h)
{
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray pdf(int pages)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A6));
    QPainter painter(&writer);
    for (int i = 1; i <= pages; ++i) {
        if (i > 1)
            writer.newPage();
        painter.drawText(100, 100, QStringLiteral("page %1").arg(i));
    }
    painter.end();
    return bytes;
}

struct Fixture {
    TempLibrary t;
    PreviewPane pane{*t.lib};
    QList<QUrl> opened; // web links the pane sent out

    Fixture(const QList<std::pair<QString, QByteArray>> &files)
    {
        if (!await(t.lib->createTsg(u"vpn"_qs)).ok())
            qFatal("createTsg failed");
        const auto up = await(t.lib->upload(UploadTarget::tsg(u"vpn"_qs), batchOf(files)));
        if (!up.ok())
            qFatal("upload failed: %s", qPrintable(up.error().message));
        pane.openExternal = [this](const QUrl &url) {
            opened << url;
            return true;
        };
        pane.resize(700, 500);
        pane.show();
    }
    bool show(const PreviewTarget &target)
    {
        QSignalSpy loaded(&pane, &PreviewPane::loaded);
        pane.open(target);
        return loaded.count() > 0 || loaded.wait(30000); // it may come at once, when the read was quick
    }
    // Clicks a link of the markdown shown as the browser does.
    bool click(const QString &href)
    {
        QSignalSpy loaded(&pane, &PreviewPane::loaded);
        emit pane.markdownView()->anchorClicked(QUrl(href));
        return loaded.count() > 0 || loaded.wait(30000);
    }
};

const QByteArray kReadme = "# VPN drops\n\nFirst [collect the logs](steps/collect.md), then see [the agent log](logs/"
                           "agent.log).\n\nOut: [passwd](../../etc/passwd), [abs](/etc/passwd), "
                           "[file](file:///etc/passwd), [web](https://example.com/kb).\n";

} // namespace

void TestPreviewPane::emptyUntilSomethingIsSelected()
{
    Fixture f({{u"README.md"_qs, kReadme}});
    QCOMPARE(f.pane.page(), PreviewPane::Page::Empty);
    QVERIFY(f.pane.findChild<QLabel *>(u"previewEmpty"_qs)->text().contains(u"Select a file"_qs));
    QVERIFY(f.show({.tsg = u"vpn"_qs, .path = u"README.md"_qs}));
    QCOMPARE(f.pane.page(), PreviewPane::Page::Markdown);
    f.pane.clear();
    QCOMPARE(f.pane.page(), PreviewPane::Page::Empty);
}

void TestPreviewPane::markdownLinkOpensAnotherFileOfTheTsg()
{
    Fixture f({{u"README.md"_qs, kReadme},
               {u"steps/collect.md"_qs, "# Collect logs\n\nBack to [the start](../README.md).\n"},
               {u"logs/agent.log"_qs, "line one\nline two\n"}});
    QVERIFY(f.show({.tsg = u"vpn"_qs, .path = u"README.md"_qs}));
    QCOMPARE(f.pane.page(), PreviewPane::Page::Markdown);
    // Rendered, not shown as source.
    QVERIFY(f.pane.markdownView()->toPlainText().startsWith(u"VPN drops"_qs));
    QVERIFY(f.pane.markdownView()->toHtml().contains(u"steps/collect.md"_qs));

    QVERIFY(f.click(u"steps/collect.md"_qs));
    QCOMPARE(f.pane.target().path, u"steps/collect.md"_qs);
    QCOMPARE(f.pane.page(), PreviewPane::Page::Markdown);
    QVERIFY(f.pane.markdownView()->toPlainText().startsWith(u"Collect logs"_qs));
    QVERIFY(f.pane.headerText().contains(u"steps/collect.md"_qs));
    // A link relative to that file's own folder, back up to the TSG's top.
    QVERIFY(f.click(u"../README.md"_qs));
    QCOMPARE(f.pane.target().path, u"README.md"_qs);
    // A link to a log opens it in the log viewer.
    QVERIFY(f.click(u"logs/agent.log"_qs));
    QCOMPARE(f.pane.page(), PreviewPane::Page::Text);
    QCOMPARE(f.pane.logView()->lineCount(), 2);
    QVERIFY(f.opened.isEmpty());
}

void TestPreviewPane::linksOutOfTheTsgAreRefusedAndWebLinksGoOut()
{
    Fixture f({{u"README.md"_qs, kReadme}});
    QVERIFY(f.show({.tsg = u"vpn"_qs, .path = u"README.md"_qs}));
    QSignalSpy refused(&f.pane, &PreviewPane::linkRefused);
    for (const QString &href : {u"../../etc/passwd"_qs, u"/etc/passwd"_qs, u"file:///etc/passwd"_qs}) {
        emit f.pane.markdownView()->anchorClicked(QUrl(href));
        QCOMPARE(f.pane.target().path, u"README.md"_qs); // still showing the README
        QVERIFY2(f.pane.noteText().contains(u"outside the TSG"_qs), qPrintable(href));
    }
    QCOMPARE(refused.count(), 3);
    emit f.pane.markdownView()->anchorClicked(QUrl(u"https://example.com/kb"_qs));
    QCOMPARE(f.opened, QList<QUrl>{QUrl(u"https://example.com/kb"_qs)});
    QCOMPARE(f.pane.target().path, u"README.md"_qs);
}

void TestPreviewPane::imageShowsScaledToFit()
{
    Fixture f({{u"shots/error.png"_qs, png(1600, 1000)}});
    QVERIFY(f.show({.tsg = u"vpn"_qs, .path = u"shots/error.png"_qs}));
    QCOMPARE(f.pane.page(), PreviewPane::Page::Image);
    QCOMPARE(f.pane.imageView()->image().size(), QSize(1600, 1000));
    const QRect drawn = f.pane.imageView()->imageRect();
    QVERIFY(f.pane.imageView()->rect().contains(drawn));
    QVERIFY(drawn.width() < 1600);
    QCOMPARE(drawn.width() * 10 / drawn.height(), 16); // proportions kept
}

void TestPreviewPane::pdfOpensAtTheHitsPage()
{
    Fixture f({{u"kb.pdf"_qs, pdf(3)}});
    QVERIFY(f.show({.tsg = u"vpn"_qs, .path = u"kb.pdf"_qs, .page = 2}));
    QCOMPARE(f.pane.page(), PreviewPane::Page::Pdf);
    QCOMPARE(f.pane.pdfView()->document()->pageCount(), 3);
    QCOMPARE(f.pane.pdfView()->pageNavigator()->currentPage(), 1); // 0-based
    QVERIFY(f.pane.headerText().contains(u"page 2"_qs));
}

void TestPreviewPane::hitInALogOpensAtItsLine()
{
    QByteArray log;
    for (int i = 1; i <= 500; ++i)
        log += "09:00 line " + QByteArray::number(i) + (i == 321 ? " TLS handshake failed\n" : "\n");
    Fixture f({{u"agent.log"_qs, log}});
    QSignalSpy loaded(&f.pane, &PreviewPane::loaded);
    f.pane.showHit({.tsgName = u"vpn"_qs,
                    .path = u"agent.log"_qs,
                    .kind = u"text"_qs,
                    .line = 321,
                    .page = std::nullopt,
                    .snippet = u"09:00 line 321 TLS [[handshake]] failed"_qs,
                    .score = 1});
    QVERIFY(loaded.count() > 0 || loaded.wait(30000));
    QCOMPARE(f.pane.page(), PreviewPane::Page::Text);
    QCOMPARE(f.pane.logView()->currentLine(), 321);
    QCOMPARE(f.pane.logView()->highlight(), u"handshake"_qs);
    QVERIFY(f.pane.headerText().contains(u"line 321"_qs));
    QTRY_COMPARE(f.pane.logView()->highlightsInCurrentLine().size(), 1);
}

QTEST_MAIN(TestPreviewPane)
#include "tst_previewpane.moc"
