// The files of one TSG as a tree (folders, names, sizes, types with icons, modified times). The
// listing is read and the tree built on a worker thread; the GUI thread only swaps the finished tree
// in (one model reset), so a TSG with 10,000 files loads without stalling the window. Reloads when
// the library says the TSG's files changed, whoever changed them, and follows a rename of the TSG.
#pragma once

#include "fileicons.h"
#include "filetree.h"
#include "library.h"

#include <QAbstractItemModel>

#include <memory>

namespace tsg {

class FileTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Size, Type, Modified, ColumnCount };
    enum Role { PathRole = Qt::UserRole, SortRole, Sha256Role };

    explicit FileTreeModel(Library &library, QObject *parent = nullptr);
    ~FileTreeModel() override;

    void showTsg(const QString &name); // empty: nothing
    const QString &tsg() const { return m_tsg; }
    int fileCount() const { return m_tree ? m_tree->fileCount() : 0; }
    qint64 totalSize() const { return m_tree ? m_tree->totalSize() : 0; }
    bool isLoading() const { return m_loading; }
    QModelIndex indexOfPath(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // By any column, by value (sizes as numbers, times as times), folders first; kept through reloads.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // Dragged out, the entries are their files on disk (file URLs): a file manager or a mail client takes copies;
    // dropped on the tree itself they move (MainWindow).
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

signals:
    void loaded(); // a tree (possibly empty) was swapped in
    void loadFailed(const QString &message);

private:
    void reload();
    void swapIn(std::shared_ptr<FileTree> tree);
    const FileNode *nodeOf(const QModelIndex &index) const;

    Library &m_library;
    QString m_tsg;
    std::shared_ptr<FileTree> m_tree;
    quint64 m_generation = 0; // a load answers only if no newer one started
    bool m_loading = false;
    bool m_reloadWanted = false; // a change arrived while loading: load once more afterwards
    int m_sortColumn = Name;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    mutable FileIcons m_icons;
};

} // namespace tsg
