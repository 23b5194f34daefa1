// The TSG list for the window: one row per TSG (name, files, size, last updated), the active one
// in bold with a star icon. Reads the library's in-memory summaries; refreshed whenever the library
// says they changed (whoever changed them). Rows are updated in place when only details changed,
// so selections and scroll positions survive a browser's uploads.
#pragma once

#include "library.h"

#include <QAbstractTableModel>

namespace tsg {

class TsgListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // One date (the last change): the name gets the room. The creation time is in the row's tooltip.
    enum Column { Name, Files, Size, Updated, ColumnCount };
    enum Role { SortRole = Qt::UserRole, TagsRole }; // TagsRole: the TSG's tags, a QStringList
    explicit TsgListModel(Library &library, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QString nameAt(int row) const;
    int rowOf(const QString &name) const;
    const std::optional<QString> &active() const { return m_active; }
    void refresh();
    // The tags of these TSGs, each once (compared without case, spelled as first seen), sorted without case.
    static QStringList tagsInUse(const QList<TsgInfo> &tsgs);
    QStringList tagsInUse() const { return tagsInUse(m_rows); }

private:
    Library &m_library;
    QList<TsgInfo> m_rows;
    std::optional<QString> m_active;
};

} // namespace tsg
