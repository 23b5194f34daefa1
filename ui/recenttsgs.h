// The TSGs last made active, latest first, kept in config.json (tsgDesk.recentTsgs, our own key: the file is shared
// and every other key in it stays as it was), so that the tray's "Active TSG" menu can offer them after a restart.
#pragma once

#include "library.h"

#include <QObject>
#include <QStringList>

namespace tsg {

class RecentTsgs : public QObject {
    Q_OBJECT
public:
    static constexpr int kKept = 5;

    // Records every TSG made active (here or by a client) from now on.
    explicit RecentTsgs(Library &library, QObject *parent = nullptr);

    // The recent TSGs that still exist, latest first, at most `count`, without `except`.
    QStringList names(int count, const std::optional<QString> &except = std::nullopt) const;

private:
    void record(const QString &name);

    Library &m_library;
};

} // namespace tsg
