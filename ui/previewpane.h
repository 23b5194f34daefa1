// The preview of one file of a TSG, beside the tree and the search results: markdown rendered (its links to other
// files of the same TSG open here, web links in the browser), logs and other text in the LogView at a hit's line,
// images scaled to fit, PDFs at a hit's page. Every byte comes through the Library on its worker threads, so the
// window never waits for the disk; nothing outside the TSG is ever opened.
#pragma once

#include "library.h"
#include "searchtypes.h"

#include <QWidget>

#include <functional>

class QBuffer;
class QLabel;
class QPdfDocument;
class QPdfView;
class QStackedWidget;
class QUrl;

namespace tsg {

class ImageView;
class LogView;
class MarkdownView;

// What to show: a file of a TSG, at a line (text) or a page (PDF), with a term to highlight.
struct PreviewTarget {
    QString tsg = {};
    QString path = {};
    int line = 0; // 1-based; 0: the top
    int page = 0; // 1-based; 0: the first
    QString highlight = {};
};

class PreviewPane : public QWidget {
    Q_OBJECT
public:
    enum class Page { Empty, Message, Markdown, Text, Image, Pdf };
    static constexpr qint64 kMaxWholeFile = 64 << 20; // images and PDFs read whole, at most this

    explicit PreviewPane(Library &library, QWidget *parent = nullptr);
    ~PreviewPane() override;

    // Opens a web link (http, https, mailto) of a markdown file; tests replace it. Returns whether it opened.
    std::function<bool(const QUrl &)> openExternal;

    void open(const PreviewTarget &target);
    // A search hit: its file at its line or page, its first match highlighted. A hit on a TSG itself (its name,
    // tags or description) has no file: the pane says so.
    void showHit(const SearchHit &hit);
    void clear(); // the empty state

    const PreviewTarget &target() const { return m_target; }
    Page page() const;
    QString headerText() const;
    QString messageText() const;
    QString noteText() const; // a line under the header: a refused link, a file shown in part
    MarkdownView *markdownView() const { return m_markdown; }
    LogView *logView() const { return m_log; }
    ImageView *imageView() const { return m_image; }
    QPdfView *pdfView() const { return m_pdfView; } // null until a PDF was shown

    // The first [[marked]] term of a hit's snippet ("" when none).
    static QString firstMarked(const QString &snippet);

signals:
    void loaded(); // the file asked for is shown, or why it cannot be
    void linkRefused(const QUrl &url);

private:
    void showPage(Page page);
    void showMessage(const QString &text);
    void setNote(const QString &note);
    void loadMarkdown();
    void loadText();
    void loadImage();
    void loadPdf();
    // Made when the first PDF is shown: Qt PDF starts a render thread per view, which a window that never shows
    // a PDF does without.
    void ensurePdfView();
    void followLink(const QUrl &url);

    Library &m_library;
    PreviewTarget m_target;
    quint64 m_generation = 0; // answers for an older target are dropped
    QLabel *m_header = nullptr;
    QLabel *m_note = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
    MarkdownView *m_markdown = nullptr;
    LogView *m_log = nullptr;
    ImageView *m_image = nullptr;
    QPdfView *m_pdfView = nullptr;
    QPdfDocument *m_pdf = nullptr;
    QBuffer *m_pdfBytes = nullptr; // what m_pdf reads; replaced with each PDF
};

} // namespace tsg
