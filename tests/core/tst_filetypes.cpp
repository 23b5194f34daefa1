// The seed's getFileType names (markdown, text, log, json, yaml, image, unknown) plus svg, pdf,
// docx and xlsx; extensions case-insensitive, taken from the last path segment.
#include "filetypes.h"

#include <QTest>

using namespace tsg;

class TestFileTypes : public QObject {
    Q_OBJECT
private slots:
    void typeOf_data();
    void typeOf();
    void extensionOf_data();
    void extensionOf();
};

void TestFileTypes::typeOf_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    const auto row = [](const char *name, const char *type) {
        QTest::newRow(name) << QString::fromUtf8(name) << QString::fromUtf8(type);
    };
    row("guide.md", "markdown");
    row("notes.txt", "text");
    row("error.log", "log");
    row("data.json", "json");
    row("cfg.yaml", "yaml");
    row("cfg.yml", "yaml");
    row("shot.png", "image");
    row("photo.jpg", "image");
    row("photo.jpeg", "image");
    row("anim.gif", "image");
    row("diagram.svg", "image");
    row("manual.pdf", "pdf");
    row("report.docx", "document");
    row("sheet.xlsx", "spreadsheet");
    row("UPPER.LOG", "log");
    row("Mixed.Md", "markdown");
    row("docs/sub/deep.yml", "yaml");
    row("archive.tar.gz", "unknown");
    row("script.exe", "unknown");
    row("README", "unknown");
    row(".bashrc", "unknown");
    row("docs.md/README", "unknown");
    row("", "unknown");
}

void TestFileTypes::typeOf()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    QCOMPARE(FileTypes::typeOf(name), type);
}

void TestFileTypes::extensionOf_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("ext");
    const auto row = [](const char *name, const char *ext) {
        QTest::newRow(name) << QString::fromUtf8(name) << QString::fromUtf8(ext);
    };
    row("a/b/x.LOG", ".log");
    row("guide.md", ".md");
    row("archive.tar.gz", ".gz");
    row("README", "");
    row(".bashrc", ""); // a hidden name has no extension
    row("docs/.env", "");
    row(".config.json", ".json");
    row("docs.v2/README", ""); // a dot in a folder name is not the file's extension
    row("", "");
}

void TestFileTypes::extensionOf()
{
    QFETCH(QString, name);
    QFETCH(QString, ext);
    QCOMPARE(FileTypes::extensionOf(name), ext);
}

QTEST_GUILESS_MAIN(TestFileTypes)
#include "tst_filetypes.moc"
