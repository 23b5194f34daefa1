// The TSG list as the filter field asks: words match the name (case-insensitive), and `tag:vpn` (or
// `tag:"on call"`) keeps only the TSGs with that tag; several tags must all be there. One field, so that the
// filter stays a line of text the user can read and edit.
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace tsg {

class TsgFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TsgFilterProxy(QObject *parent = nullptr);

    // The filter field's text.
    void setFilterText(const QString &text);
    const QStringList &tags() const { return m_tags; } // the tag: terms of the filter
    const QString &nameText() const { return m_name; } // the rest
    // `text` with a `tag:` term for `tag` added, or removed when it is there (the tag menu's toggle).
    static QString toggledTag(const QString &text, const QString &tag);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_name;
    QStringList m_tags;
};

} // namespace tsg
