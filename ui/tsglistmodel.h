// The TSG list for the window: one row per TSG (name, files, size, created, updated), the active one
// marked. Reads the library's in-memory summaries; refreshed whenever the library says they changed.
#pragma once

#include "library.h"

#include <QAbstractTableModel>

namespace tsg {

class TsgListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Files, Size, Created, Updated, ColumnCount };
    explicit TsgListModel(Library &library, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
    QStringList mimeTypes() const override { return {QStringLiteral("text/uri-list")}; }

    QString nameAt(int row) const;
    int rowOf(const QString &name) const;
    void refresh();

private:
    Library &m_library;
    QList<TsgInfo> m_rows;
    std::optional<QString> m_active;
};

QString humanSize(qint64 bytes);

} // namespace tsg
