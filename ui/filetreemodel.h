// The files of one TSG as a tree (folders, names, sizes, type icons). Loaded off the GUI thread
// through the library and reloaded when the library says the TSG's files changed.
#pragma once

#include "library.h"

#include <QHash>
#include <QIcon>
#include <QStandardItemModel>

namespace tsg {

class FileTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Column { Name, Size, Type, Modified };
    explicit FileTreeModel(Library &library, QObject *parent = nullptr);

    void showTsg(const QString &name); // empty: nothing
    const QString &tsg() const { return m_tsg; }
    int fileCount() const { return m_fileCount; }
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }

signals:
    void loaded();

private:
    void reload();
    void fill(const QList<FileEntry> &files);
    QIcon iconFor(const FileEntry &entry);

    Library &m_library;
    QString m_tsg;
    quint64 m_generation = 0;
    int m_fileCount = 0;
    QHash<QString, QIcon> m_icons;
};

} // namespace tsg
