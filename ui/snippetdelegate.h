// Draws a search hit in the results: where it is (the file, the line or page) on one line and its snippet under
// it with each [[match]] highlighted, so that a user sees why a hit matched before opening it.
#pragma once

#include <QStyledItemDelegate>

namespace tsg {

class SnippetDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum Role { SnippetRole = Qt::UserRole + 10 }; // the hit's snippet, [[marked]]; none on a TSG's row

    explicit SnippetDelegate(QObject *parent = nullptr);

    // The snippet as HTML: the text escaped, each [[match]] bold on a yellow background.
    static QString toHtml(const QString &snippet);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace tsg
