// The investigation sessions: id, the TSG it worked on, whether a client is connected to it now, files held, size,
// last activity and when cleanup will remove them.
// Loaded through the library off the GUI thread; reloaded when the library says sessions (or the
// session timeout) changed, bursts coalesced into one load.
#pragma once

#include "library.h"

#include <QAbstractTableModel>

namespace tsg {

class SessionListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Tsg, Client, Files, Size, LastActivity, RemovedAt, ColumnCount };
    enum Role { SortRole = Qt::UserRole };
    explicit SessionListModel(Library &library, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    QString idAt(int row) const;
    int rowOf(const QString &id) const;
    void reload();

signals:
    void loaded();

private:
    QDateTime removalTime(const SessionInfo &s) const;

    Library &m_library;
    QList<SessionInfo> m_rows;
    QSet<QString> m_inUse; // sessions with a client connected now
    int m_timeoutHours = 24;
    bool m_loading = false;
    bool m_reloadWanted = false;
};

} // namespace tsg
