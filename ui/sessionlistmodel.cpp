#include "sessionlistmodel.h"

#include "format.h"
#include "whenfinished.h"

namespace tsg {

SessionListModel::SessionListModel(Library &library, QObject *parent) : QAbstractTableModel(parent), m_library(library)
{
    connect(&library, &Library::sessionsChanged, this, &SessionListModel::reload, Qt::QueuedConnection);
    connect(&library, &Library::configChanged, this, &SessionListModel::reload, Qt::QueuedConnection);
    connect(
        &library, &Library::sessionInUseChanged, this,
        [this](const QString &id, bool inUse) {
            if (inUse)
                m_inUse.insert(id);
            else
                m_inUse.remove(id);
            if (const int row = rowOf(id); row >= 0)
                emit dataChanged(index(row, Client), index(row, Client));
        },
        Qt::QueuedConnection);
    m_inUse = library.sessionsInUse();
    // The first load once the event loop runs: a future that is already finished runs its
    // continuation at once, and views connect to loaded() after constructing the model.
    QMetaObject::invokeMethod(this, &SessionListModel::reload, Qt::QueuedConnection);
}

void SessionListModel::reload()
{
    if (m_loading) {
        m_reloadWanted = true;
        return;
    }
    m_loading = true;
    whenFinished(m_library.sessions(), this, [this](const Result<QList<SessionInfo>> &sessions) {
        m_loading = false;
        if (sessions.ok()) {
            QList<SessionInfo> rows = sessions.value();
            std::sort(rows.begin(), rows.end(),
                      [](const SessionInfo &a, const SessionInfo &b) { return a.lastActivity > b.lastActivity; });
            beginResetModel();
            m_rows = std::move(rows);
            m_timeoutHours = m_library.config().session.sessionTimeout;
            endResetModel();
            emit loaded();
        }
        if (std::exchange(m_reloadWanted, false))
            reload();
    });
}

QDateTime SessionListModel::removalTime(const SessionInfo &s) const
{
    return s.lastActivity.addSecs(qint64(m_timeoutHours) * 3600);
}

int SessionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}
int SessionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}
QString SessionListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int SessionListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const SessionInfo &s = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id: return s.id;
        case Tsg: return s.activeTsg.value_or(QString());
        case Client: return m_inUse.contains(s.id) ? tr("Connected") : tr("—");
        case Files: return s.fileCount;
        case Size: return Format::size(s.size);
        case LastActivity: return Format::time(s.lastActivity);
        case RemovedAt: return Format::relative(removalTime(s));
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case Id: return s.id;
        case Tsg: return s.activeTsg.value_or(QString());
        case Client: return m_inUse.contains(s.id);
        case Files: return s.fileCount;
        case Size: return s.size;
        case LastActivity: return s.lastActivity;
        case RemovedAt: return removalTime(s);
        }
    } else if (role == Qt::ToolTipRole) {
        QStringList lines{tr("Session %1").arg(s.id), tr("Created %1").arg(Format::time(s.createdAt)),
                          tr("%1 uploaded over its life")
                              .arg(Format::count(s.fileUploadCount, QStringLiteral("file"), QStringLiteral("files")))};
        if (s.activeTsg)
            lines << tr("Working on TSG %1").arg(*s.activeTsg);
        lines << (m_inUse.contains(s.id) ? tr("A browser or agent is connected to it now")
                                         : tr("No client is connected to it now"));
        if (index.column() == RemovedAt)
            lines << tr("Removed after %1 without activity, unless a client is connected")
                         .arg(Format::hours(m_timeoutHours));
        return lines.join(u'\n');
    } else if (role == Qt::TextAlignmentRole && (index.column() == Files || index.column() == Size)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Session");
    case Tsg: return tr("TSG");
    case Client: return tr("Client");
    case Files: return tr("Files");
    case Size: return tr("Size");
    case LastActivity: return tr("Last activity");
    case RemovedAt: return tr("Cleanup removes it");
    }
    return {};
}

} // namespace tsg
