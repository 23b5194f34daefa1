#include "previewpane.h"

#include "filetypes.h"
#include "imageview.h"
#include "logview.h"
#include "markdownview.h"
#include "whenfinished.h"

#include <QBuffer>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QPdfDocument>
#include <QPdfPageNavigator>
#include <QPdfView>
#include <QStackedWidget>
#include <QTextCursor>
#include <QUrl>
#include <QVBoxLayout>

namespace tsg {

namespace {

QLabel *stateLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setMargin(24);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

PreviewPane::PreviewPane(Library &library, QWidget *parent) : QWidget(parent), m_library(library)
{
    setObjectName(QStringLiteral("preview"));
    openExternal = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 6, 0);
    layout->setSpacing(2);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("previewHeader"));
    m_header->setContentsMargins(6, 0, 6, 2);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("previewNote"));
    m_note->setContentsMargins(6, 0, 6, 2);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("QLabel { color: #8a5300; }"));
    m_note->hide();
    m_stack = new QStackedWidget(this);
    m_empty = stateLabel(QStringLiteral("previewEmpty"), m_stack);
    m_empty->setText(tr("Select a file in the tree, or a search result, to preview it here.\n"
                        "Search the whole library with Ctrl+K."));
    m_message = stateLabel(QStringLiteral("previewMessage"), m_stack);
    m_markdown = new MarkdownView(m_stack);
    connect(m_markdown, &QTextBrowser::anchorClicked, this, &PreviewPane::followLink);
    m_log = new LogView(library, m_stack);
    connect(m_log, &LogView::opened, this, &PreviewPane::loaded);
    connect(m_log, &LogView::failed, this, [this](const QString &message) {
        showMessage(message);
        emit loaded();
    });
    m_image = new ImageView(m_stack);
    for (QWidget *w :
         {static_cast<QWidget *>(m_empty), static_cast<QWidget *>(m_message), static_cast<QWidget *>(m_markdown),
          static_cast<QWidget *>(m_log), static_cast<QWidget *>(m_image)})
        m_stack->addWidget(w);
    layout->addWidget(m_header);
    layout->addWidget(m_note);
    layout->addWidget(m_stack, 1);
    clear();
}

PreviewPane::~PreviewPane()
{
    if (m_pdf)
        m_pdf->close(); // before the buffer it reads goes
}

void PreviewPane::ensurePdfView()
{
    if (m_pdfView)
        return;
    m_pdf = new QPdfDocument(this);
    m_pdfView = new QPdfView(m_stack);
    m_pdfView->setObjectName(QStringLiteral("pdfView"));
    m_pdfView->setPageMode(QPdfView::PageMode::MultiPage);
    m_pdfView->setZoomMode(QPdfView::ZoomMode::FitToWidth);
    m_pdfView->setDocument(m_pdf);
    connect(m_pdf, &QPdfDocument::statusChanged, this, [this](QPdfDocument::Status status) {
        if (status == QPdfDocument::Status::Ready) {
            const int page = std::clamp(m_target.page - 1, 0, std::max(0, m_pdf->pageCount() - 1));
            m_pdfView->pageNavigator()->jump(page, QPointF(), 0);
            emit loaded();
        } else if (status == QPdfDocument::Status::Error) {
            showMessage(tr("'%1' could not be shown: it is not a PDF that can be read").arg(m_target.path));
            emit loaded();
        }
    });
    m_stack->addWidget(m_pdfView); // Page::Pdf, the last
}

QString PreviewPane::firstMarked(const QString &snippet)
{
    const qsizetype open = snippet.indexOf(QStringLiteral("[["));
    const qsizetype close = open < 0 ? -1 : snippet.indexOf(QStringLiteral("]]"), open + 2);
    return close < 0 ? QString() : snippet.mid(open + 2, close - open - 2);
}

PreviewPane::Page PreviewPane::page() const
{
    return Page(m_stack->currentIndex());
}

QString PreviewPane::headerText() const
{
    return m_header->text();
}

QString PreviewPane::messageText() const
{
    return m_message->text();
}

QString PreviewPane::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void PreviewPane::showPage(Page page)
{
    m_stack->setCurrentIndex(int(page));
}

void PreviewPane::showMessage(const QString &text)
{
    m_message->setText(text);
    showPage(Page::Message);
}

void PreviewPane::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void PreviewPane::clear()
{
    ++m_generation;
    m_target = {};
    m_log->clear();
    m_markdown->clear();
    m_image->setImage({});
    if (m_pdf)
        m_pdf->close();
    m_header->setText(tr("<b>Preview</b>"));
    setNote({});
    showPage(Page::Empty);
}

void PreviewPane::showHit(const SearchHit &hit)
{
    if (hit.path.isEmpty()) {
        clear();
        m_target.tsg = hit.tsgName;
        m_header->setText(tr("<b>%1</b>").arg(hit.tsgName.toHtmlEscaped()));
        showMessage(tr("The TSG's %1 matches. Its files are in the Files tab.").arg(hit.kind));
        emit loaded();
        return;
    }
    open({.tsg = hit.tsgName,
          .path = hit.path,
          .line = hit.line.value_or(0),
          .page = hit.page.value_or(0),
          .highlight = firstMarked(hit.snippet)});
}

void PreviewPane::open(const PreviewTarget &target)
{
    ++m_generation;
    m_target = target;
    setNote({});
    QString header = tr("<b>%1</b> › %2").arg(target.tsg.toHtmlEscaped(), target.path.toHtmlEscaped());
    if (target.line > 0)
        header += tr(" · line %1").arg(target.line);
    else if (target.page > 0)
        header += tr(" · page %1").arg(target.page);
    m_header->setText(header);
    const QString type = FileTypes::typeOf(target.path);
    if (type == u"markdown")
        loadMarkdown();
    else if (type == u"image")
        loadImage();
    else if (type == u"pdf")
        loadPdf();
    else if (type == u"document" || type == u"spreadsheet") {
        showMessage(tr("Office documents are not previewed. Open '%1' with its application.").arg(target.path));
        emit loaded();
    } else
        loadText();
}

void PreviewPane::loadText()
{
    showPage(Page::Text);
    m_log->open(m_target.tsg, m_target.path, m_target.line, m_target.highlight);
}

void PreviewPane::loadMarkdown()
{
    const quint64 generation = m_generation;
    whenFinished(m_library.readTsgFile(m_target.tsg, m_target.path, {.lineCount = LineCount::Skip}), this,
                 [this, generation](const Result<FileContent> &read) {
                     if (generation != m_generation)
                         return;
                     if (!read.ok()) {
                         showMessage(read.error().message);
                         emit loaded();
                         return;
                     }
                     m_markdown->setMarkdown(QString::fromUtf8(read.value().bytes));
                     if (read.value().truncated)
                         setNote(tr("Only the first %1 MiB are shown.").arg(FileReader::kMaxBytes >> 20));
                     showPage(Page::Markdown);
                     if (!m_target.highlight.isEmpty()) {
                         m_markdown->moveCursor(QTextCursor::Start);
                         m_markdown->find(m_target.highlight); // selects the first match and scrolls to it
                     }
                     emit loaded();
                 });
}

void PreviewPane::loadImage()
{
    const quint64 generation = m_generation;
    // Decoded on the worker that read it: a large PNG costs the GUI thread nothing.
    whenFinished(m_library.readWholeTsgFile(m_target.tsg, m_target.path, kMaxWholeFile)
                     .then([](const Result<QByteArray> &read) -> Result<QImage> {
                         if (!read.ok())
                             return read.error();
                         QImage image = QImage::fromData(read.value());
                         if (image.isNull())
                             return Error::invalid(QStringLiteral("the image could not be decoded"));
                         return image;
                     }),
                 this, [this, generation](const Result<QImage> &image) {
                     if (generation != m_generation)
                         return;
                     if (!image.ok()) {
                         showMessage(tr("'%1' could not be shown: %2").arg(m_target.path, image.error().message));
                     } else {
                         m_image->setImage(image.value());
                         showPage(Page::Image);
                     }
                     emit loaded();
                 });
}

void PreviewPane::loadPdf()
{
    const quint64 generation = m_generation;
    whenFinished(m_library.readWholeTsgFile(m_target.tsg, m_target.path, kMaxWholeFile), this,
                 [this, generation](const Result<QByteArray> &read) {
                     if (generation != m_generation)
                         return;
                     if (!read.ok()) {
                         showMessage(read.error().message);
                         emit loaded();
                         return;
                     }
                     ensurePdfView();
                     m_pdf->close();
                     delete m_pdfBytes; // m_pdf no longer reads it
                     m_pdfBytes = new QBuffer(this);
                     m_pdfBytes->setData(read.value());
                     m_pdfBytes->open(QIODevice::ReadOnly);
                     showPage(Page::Pdf);
                     m_pdf->load(m_pdfBytes); // statusChanged: Ready (then the page) or Error
                 });
}

void PreviewPane::followLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http" || scheme == u"https" || scheme == u"mailto") {
        if (!openExternal(url))
            setNote(tr("No application could open %1").arg(url.toDisplayString()));
        return;
    }
    if (url.path().isEmpty() && url.hasFragment()) { // #section of this file
        m_markdown->scrollToAnchor(url.fragment());
        return;
    }
    // A relative link to another file of the same TSG, resolved against this file's folder.
    const QString base = QFileInfo(m_target.path).path();
    const QString target = QDir::cleanPath((base == u"." ? QString() : base + u'/') + url.path(QUrl::FullyDecoded));
    const bool inside = scheme.isEmpty() && !url.path().startsWith(u'/') && !target.isEmpty() && target != u".."
        && !target.startsWith(QStringLiteral("../"));
    if (!inside) {
        setNote(tr("Not opened: %1 is outside the TSG. Only links to the TSG's own files and web links open.")
                    .arg(url.toDisplayString()));
        emit linkRefused(url);
        return;
    }
    open({.tsg = m_target.tsg, .path = target});
}

} // namespace tsg
