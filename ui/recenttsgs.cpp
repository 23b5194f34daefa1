#include "recenttsgs.h"

#include <QSet>

namespace tsg {

RecentTsgs::RecentTsgs(Library &library, QObject *parent) : QObject(parent), m_library(library)
{
    connect(
        &library, &Library::activeTsgChanged, this,
        [this](const std::optional<QString> &name) {
            if (name)
                record(*name);
        },
        Qt::QueuedConnection);
}

void RecentTsgs::record(const QString &name)
{
    if (m_library.config().desk.recentTsgs.value(0) == name)
        return;
    (void)m_library.updateConfig([name](Config &c) {
        QStringList &recent = c.desk.recentTsgs;
        recent.removeAll(name);
        recent.prepend(name);
        while (recent.size() > kKept)
            recent.removeLast();
    });
}

QStringList RecentTsgs::names(int count, const std::optional<QString> &except) const
{
    QSet<QString> existing;
    for (const TsgInfo &t : m_library.tsgs())
        existing.insert(t.name);
    QStringList out;
    for (const QString &name : m_library.config().desk.recentTsgs)
        if (out.size() < count && existing.contains(name) && name != except && !out.contains(name))
            out << name;
    return out;
}

} // namespace tsg
