#include "logview.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QPixmapCache>
#include <QProxyStyle>
#include <QScrollBar>
#include <QStyleOptionSlider>

namespace tsg {

namespace {

constexpr int kContextAbove = 3; // lines shown above the line gone to
constexpr int kGutterPadding = 8;

QList<std::pair<int, int>> occurrences(const QString &line, const QString &term)
{
    QList<std::pair<int, int>> found;
    if (term.isEmpty())
        return found;
    for (qsizetype at = line.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
         at = line.indexOf(term, at + term.size(), Qt::CaseInsensitive))
        found.append({int(at), int(term.size())});
    return found;
}

// The application's style for the vertical scroll bar, with its groove drawn once per size and state into a
// pixmap. Drawn directly, the groove's fill and lines span the bar's whole height, which Qt's raster engine splits
// across its GUI thread pool and waits for, three or four times per paint; the bar is painted on every scroll, and
// on a busy machine each of those waits is another wait for a CPU (bench/README.md, the log viewer).
class CachedGrooveStyle : public QProxyStyle {
public:
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option, QPainter *painter,
                            const QWidget *widget) const override
    {
        constexpr SubControls kCached = SC_ScrollBarGroove | SC_ScrollBarAddPage | SC_ScrollBarSubPage;
        const auto *bar = qstyleoption_cast<const QStyleOptionSlider *>(option);
        if (control != CC_ScrollBar || !bar || !(bar->subControls & SC_ScrollBarGroove)
            || styleHint(SH_ScrollBar_Transient, option, widget) || !painter->device()) {
            QProxyStyle::drawComplexControl(control, option, painter, widget);
            return;
        }
        const qreal dpr = painter->device()->devicePixelRatio();
        const QString key = QStringLiteral("tsgdesk-logview-groove-%1x%2@%3-%4-%5-%6-%7-%8")
                                .arg(bar->rect.width())
                                .arg(bar->rect.height())
                                .arg(dpr)
                                .arg(int(bar->orientation))
                                .arg(int(bar->state))
                                .arg(int(bar->activeSubControls))
                                .arg(int(bar->subControls & kCached))
                                .arg(bar->palette.cacheKey());
        QPixmap groove;
        if (!QPixmapCache::find(key, &groove)) {
            groove = QPixmap((QSizeF(bar->rect.size()) * dpr).toSize());
            groove.setDevicePixelRatio(dpr);
            groove.fill(Qt::transparent);
            QStyleOptionSlider only = *bar;
            only.rect = QRect(QPoint(), bar->rect.size());
            only.subControls &= kCached;
            QPainter p(&groove);
            QProxyStyle::drawComplexControl(control, &only, &p, widget);
            p.end();
            QPixmapCache::insert(key, groove);
        }
        painter->drawPixmap(bar->rect.topLeft(), groove);
        // The handle and the arrows over it, in the style's order: they are short.
        QStyleOptionSlider rest = *bar;
        rest.subControls &= ~kCached;
        QProxyStyle::drawComplexControl(control, &rest, painter, widget);
    }
};

} // namespace

LogView::LogView(Library &library, QWidget *parent) : QAbstractScrollArea(parent), m_source(library)
{
    setObjectName(QStringLiteral("logView"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    verticalScrollBar()->setSingleStep(1);
    auto *barStyle = new CachedGrooveStyle; // follows the application's style
    barStyle->setParent(this);
    verticalScrollBar()->setStyle(barStyle);
    connect(&m_source, &LogSource::ready, this, [this] {
        updateScrollBars();
        const int line = std::exchange(m_pendingLine, 0);
        if (line > 0)
            goToLine(line);
        else
            verticalScrollBar()->setValue(0);
        fetchVisible();
        viewport()->update();
        emit opened();
    });
    connect(&m_source, &LogSource::failed, this, &LogView::failed);
    connect(&m_source, &LogSource::linesArrived, this, [this] {
        updateScrollBars();
        viewport()->update();
    });
}

void LogView::open(const QString &tsg, const QString &path, int line, const QString &highlight)
{
    m_highlight = highlight;
    m_current = 0;
    m_pendingLine = line;
    m_source.open(tsg, path);
    updateScrollBars();
    viewport()->update();
}

void LogView::clear()
{
    m_source.close();
    m_current = 0;
    m_pendingLine = 0;
    m_highlight.clear();
    updateScrollBars();
    viewport()->update();
}

int LogView::lineHeight() const
{
    return fontMetrics().height();
}

int LogView::charWidth() const
{
    return std::max(1, fontMetrics().horizontalAdvance(u'0'));
}

int LogView::gutterWidth() const
{
    const int digits = int(QString::number(std::max(1, m_source.lineCount())).size());
    return charWidth() * digits + 2 * kGutterPadding;
}

int LogView::firstVisibleLine() const
{
    return m_source.isReady() && m_source.lineCount() > 0 ? verticalScrollBar()->value() + 1 : 0;
}

int LogView::visibleLineCount() const
{
    return std::max(1, viewport()->height() / lineHeight());
}

QList<std::pair<int, int>> LogView::highlightsInCurrentLine() const
{
    return m_source.hasLine(m_current) ? occurrences(m_source.line(m_current), m_highlight)
                                       : QList<std::pair<int, int>>();
}

void LogView::updateScrollBars()
{
    const int lines = m_source.isReady() ? m_source.lineCount() : 0;
    QScrollBar *v = verticalScrollBar();
    v->setRange(0, std::max(0, lines - visibleLineCount()));
    v->setPageStep(visibleLineCount());
    QScrollBar *h = horizontalScrollBar();
    const int textWidth = m_source.longestHeldLine() * charWidth() + kGutterPadding;
    h->setRange(0, std::max(0, textWidth - (viewport()->width() - gutterWidth())));
    h->setPageStep(viewport()->width());
    h->setSingleStep(charWidth() * 4);
}

void LogView::fetchVisible()
{
    // The lines in view, and a page either side, so that scrolling by a page finds them held.
    const int first = verticalScrollBar()->value() + 1;
    const int page = visibleLineCount();
    m_source.request(first - page, first + 2 * page);
}

void LogView::goToLine(int line)
{
    if (!m_source.isReady()) {
        m_pendingLine = line;
        return;
    }
    line = std::clamp(line, 1, std::max(1, m_source.lineCount()));
    setCurrent(line);
    verticalScrollBar()->setValue(line - 1 - kContextAbove);
    fetchVisible();
}

void LogView::setCurrent(int line)
{
    if (line == m_current)
        return;
    m_current = line;
    viewport()->update();
    emit currentLineChanged(line);
}

void LogView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    fetchVisible();
}

void LogView::scrollContentsBy(int, int)
{
    fetchVisible();
    viewport()->update();
}

void LogView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette &pal = palette();
    const int h = lineHeight();
    const int cw = charWidth();
    const int gutter = gutterWidth();
    const int width = viewport()->width();
    p.fillRect(QRect(0, 0, gutter, viewport()->height()), pal.color(QPalette::AlternateBase));
    if (!m_source.isReady())
        return;
    const int first = verticalScrollBar()->value() + 1;
    const int last = std::min(m_source.lineCount(), first + visibleLineCount());
    const int xOffset = horizontalScrollBar()->value();
    const int firstCol = xOffset / cw;
    const int cols = (width - gutter) / cw + 2;
    const QFontMetricsF fm(font());
    const qreal ascent = fm.ascent();
    QColor currentBackground = pal.color(QPalette::Highlight);
    currentBackground.setAlpha(40);
    const QColor match(0xff, 0xe0, 0x66);
    for (int n = first; n <= last; ++n) {
        const int y = (n - first) * h;
        if (n == m_current)
            p.fillRect(QRect(gutter, y, width - gutter, h), currentBackground);
        p.setPen(pal.color(n == m_current ? QPalette::Text : QPalette::PlaceholderText));
        p.drawText(QRect(0, y, gutter - kGutterPadding, h), Qt::AlignRight | Qt::AlignVCenter, QString::number(n));
        const int textX = gutter + kGutterPadding / 2 - (xOffset - firstCol * cw);
        if (!m_source.hasLine(n)) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QPointF(textX, y + ascent), QStringLiteral("…"));
            continue;
        }
        const QString line = m_source.line(n);
        const QString shown = line.mid(firstCol, cols);
        p.setClipRect(QRect(gutter, y, width - gutter, h));
        for (const auto &[at, len] : occurrences(line, m_highlight)) {
            if (at + len < firstCol || at > firstCol + cols)
                continue;
            // Measured, not counted in character widths: those are fractional, and add up along a line.
            const qsizetype from = std::max(0, at - firstCol);
            const qreal x = fm.horizontalAdvance(shown.left(from));
            const qreal w = fm.horizontalAdvance(shown.mid(from, len - (from - (at - firstCol))));
            p.fillRect(QRectF(textX + x, y, w, h), match);
        }
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QPointF(textX, y + ascent), shown);
        p.setClipping(false);
    }
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    const int lines = m_source.lineCount();
    if (!m_source.isReady() || lines == 0) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (event->matches(QKeySequence::Copy) && m_source.hasLine(m_current)) {
        QApplication::clipboard()->setText(m_source.line(m_current));
        return;
    }
    const int page = visibleLineCount();
    int to = m_current > 0 ? m_current : firstVisibleLine();
    switch (event->key()) {
    case Qt::Key_Up: to -= 1; break;
    case Qt::Key_Down: to += 1; break;
    case Qt::Key_PageUp: to -= page; break;
    case Qt::Key_PageDown: to += page; break;
    case Qt::Key_Home: to = 1; break;
    case Qt::Key_End: to = lines; break;
    default: QAbstractScrollArea::keyPressEvent(event); return;
    }
    to = std::clamp(to, 1, lines);
    setCurrent(to);
    QScrollBar *v = verticalScrollBar();
    if (to - 1 < v->value())
        v->setValue(to - 1);
    else if (to > v->value() + page)
        v->setValue(to - page);
    event->accept();
}

void LogView::mousePressEvent(QMouseEvent *event)
{
    if (m_source.isReady() && event->button() == Qt::LeftButton) {
        const int line = verticalScrollBar()->value() + 1 + int(event->position().y()) / lineHeight();
        if (line <= m_source.lineCount())
            setCurrent(line);
    }
    QAbstractScrollArea::mousePressEvent(event);
}

} // namespace tsg
