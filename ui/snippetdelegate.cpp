#include "snippetdelegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace tsg {

namespace {

constexpr int kPad = 3;

} // namespace

SnippetDelegate::SnippetDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QString SnippetDelegate::toHtml(const QString &snippet)
{
    QString html;
    qsizetype at = 0;
    bool inMatch = false;
    while (at < snippet.size()) {
        const QString marker = inMatch ? QStringLiteral("]]") : QStringLiteral("[[");
        qsizetype next = snippet.indexOf(marker, at);
        if (next < 0 || (!inMatch && snippet.indexOf(QStringLiteral("]]"), next + 2) < 0)) // an unpaired [[ is text
            next = snippet.size();
        html += snippet.mid(at, next - at).toHtmlEscaped();
        if (next >= snippet.size())
            break;
        html += inMatch ? QStringLiteral("</span>")
                        : QStringLiteral("<span style=\"background-color:#ffe066; color:#000; font-weight:bold\">");
        inMatch = !inMatch;
        at = next + 2;
    }
    if (inMatch)
        html += QStringLiteral("</span>");
    return html;
}

void SnippetDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString snippet = index.data(SnippetRole).toString();
    if (snippet.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString location = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background, selection, icon
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    painter->save();
    painter->setClipRect(textRect);
    const int lineHeight = opt.fontMetrics.height();
    painter->setPen(text);
    painter->drawText(textRect.adjusted(kPad, kPad, 0, 0), Qt::AlignLeft | Qt::AlignTop,
                      opt.fontMetrics.elidedText(location, Qt::ElideMiddle, textRect.width() - kPad));
    QTextDocument doc;
    doc.setDefaultFont(opt.font);
    doc.setDocumentMargin(0);
    doc.setDefaultStyleSheet(QStringLiteral("body { color: %1; }").arg(text.name()));
    doc.setHtml(QStringLiteral("<body>%1</body>").arg(toHtml(snippet)));
    doc.setTextWidth(textRect.width() - 3 * kPad);
    painter->translate(textRect.left() + 3 * kPad, textRect.top() + kPad + lineHeight + 1);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, text);
    context.clip = QRectF(0, 0, textRect.width(), lineHeight + 2); // one line of it
    doc.documentLayout()->draw(painter, context);
    painter->restore();
}

QSize SnippetDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (!index.data(SnippetRole).toString().isEmpty())
        size.setHeight(option.fontMetrics.height() * 2 + 2 * kPad + 2);
    return size;
}

} // namespace tsg
