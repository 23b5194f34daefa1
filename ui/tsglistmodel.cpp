#include "tsglistmodel.h"

#include "format.h"

#include <QFont>
#include <QIcon>
#include <QSet>

#include <algorithm>

namespace tsg {

TsgListModel::TsgListModel(Library &library, QObject *parent) : QAbstractTableModel(parent), m_library(library)
{
    // Queued: the library emits from worker threads; the model changes on the GUI thread only.
    connect(&library, &Library::tsgsChanged, this, &TsgListModel::refresh, Qt::QueuedConnection);
    connect(&library, &Library::activeTsgChanged, this, &TsgListModel::refresh, Qt::QueuedConnection);
    refresh();
}

void TsgListModel::refresh()
{
    QList<TsgInfo> rows = m_library.tsgs();
    const std::optional<QString> active = m_library.activeTsg();
    bool sameNames = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameNames && i < rows.size(); ++i)
        sameNames = rows.at(i).name == m_rows.at(i).name;
    if (!sameNames) {
        beginResetModel();
        m_rows = std::move(rows);
        m_active = active;
        endResetModel();
        return;
    }
    const bool changed = rows != m_rows || active != m_active;
    m_rows = std::move(rows);
    m_active = active;
    if (changed && !m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int TsgListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}
int TsgListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TsgListModel::nameAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int TsgListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == name)
            return i;
    return -1;
}

QStringList TsgListModel::tagsInUse(const QList<TsgInfo> &tsgs)
{
    QStringList tags;
    QSet<QString> seen;
    for (const TsgInfo &t : tsgs)
        for (const QString &tag : t.tags)
            if (!tag.isEmpty() && !seen.contains(tag.toCaseFolded())) {
                seen.insert(tag.toCaseFolded());
                tags << tag;
            }
    std::sort(tags.begin(), tags.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return tags;
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
        case Size: return Format::size(t.size);
        case Updated: return Format::time(t.updatedAt);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Name: return t.name.toLower();
        case Files: return t.fileCount;
        case Size: return t.size;
        case Updated: return t.updatedAt;
        }
        break;
    case TagsRole: return t.tags;
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
    case Qt::ToolTipRole: {
        QStringList lines;
        if (active)
            lines << tr("The active TSG");
        if (!t.description.isEmpty())
            lines << t.description;
        if (!t.tags.isEmpty())
            lines << tr("Tags: %1").arg(t.tags.join(QStringLiteral(", ")));
        if (t.createdAt.isValid())
            lines << tr("Created %1").arg(Format::time(t.createdAt));
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
    }
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
    case Updated: return tr("Updated");
    }
    return {};
}

Qt::ItemFlags TsgListModel::flags(const QModelIndex &index) const
{
    return QAbstractTableModel::flags(index) | Qt::ItemIsDropEnabled;
}

} // namespace tsg
