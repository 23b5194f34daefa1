#include "tsglistmodel.h"

#include <QFont>
#include <QIcon>
#include <QLocale>

namespace tsg {

QString humanSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

TsgListModel::TsgListModel(Library &library, QObject *parent) : QAbstractTableModel(parent), m_library(library)
{
    connect(&library, &Library::tsgsChanged, this, &TsgListModel::refresh, Qt::QueuedConnection);
    connect(&library, &Library::activeTsgChanged, this, &TsgListModel::refresh, Qt::QueuedConnection);
    refresh();
}

void TsgListModel::refresh()
{
    beginResetModel();
    m_rows = m_library.tsgs();
    m_active = m_library.activeTsg();
    endResetModel();
}

int TsgListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int TsgListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString TsgListModel::nameAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString(); }

int TsgListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == name)
            return i;
    return -1;
}

QVariant TsgListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const TsgInfo &t = m_rows.at(index.row());
    const bool active = m_active == t.name;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return t.name;
        case Files: return t.fileCount;
        case Size: return humanSize(t.size);
        case Created: return t.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Updated: return t.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        break;
    case Qt::UserRole: // sort keys
        switch (index.column()) {
        case Name: return t.name.toLower();
        case Files: return t.fileCount;
        case Size: return t.size;
        case Created: return t.createdAt;
        case Updated: return t.updatedAt;
        }
        break;
    case Qt::FontRole:
        if (active) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Name)
            return QIcon(active ? QStringLiteral(":/icons/active.svg") : QStringLiteral(":/icons/tsg.svg"));
        break;
    case Qt::ToolTipRole:
        return (active ? tr("Active TSG\n") : QString()) + t.description
            + (t.tags.isEmpty() ? QString() : tr("\nTags: %1").arg(t.tags.join(QStringLiteral(", "))));
    case Qt::TextAlignmentRole:
        if (index.column() == Files || index.column() == Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant TsgListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Files: return tr("Files");
    case Size: return tr("Size");
    case Created: return tr("Created");
    case Updated: return tr("Updated");
    }
    return {};
}

Qt::ItemFlags TsgListModel::flags(const QModelIndex &index) const
{
    return QAbstractTableModel::flags(index) | Qt::ItemIsDropEnabled;
}

} // namespace tsg
