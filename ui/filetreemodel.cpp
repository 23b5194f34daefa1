#include "filetreemodel.h"

#include "format.h"

#include <QApplication>
#include <QFont>
#include <QFutureWatcher>
#include <QMimeData>
#include <QPalette>
#include <QSet>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace tsg {

FileTreeModel::FileTreeModel(Library &library, QObject *parent) : QAbstractItemModel(parent), m_library(library)
{
    connect(&library, &Library::tsgFilesChanged, this, [this](const QString &name) {
        if (name == m_tsg)
            reload();
    });
    // Renamed (here or by a client): the tree stays, under the new name. A load under the old name that is under
    // way fails or lands; either way one more follows under the new name.
    connect(&library, &Library::tsgRenamed, this, [this](const QString &oldName, const QString &newName) {
        if (oldName != m_tsg)
            return;
        m_tsg = newName;
        reload();
    });
    connect(&library, &Library::tsgsChanged, this, [this] {
        // Deleted (or renamed by a restore): the tree goes with it.
        if (!m_tsg.isEmpty() && !m_library.resolveTsg(m_tsg))
            showTsg(QString());
    });
}

FileTreeModel::~FileTreeModel() = default;

void FileTreeModel::showTsg(const QString &name)
{
    if (name == m_tsg)
        return;
    m_tsg = name;
    ++m_generation; // a load still under way for the previous TSG is ignored when it lands
    m_loading = false;
    m_reloadWanted = false;
    beginResetModel();
    m_tree.reset(); // the old TSG's files vanish at once; the new ones follow when loaded
    endResetModel();
    reload();
}

void FileTreeModel::reload()
{
    if (m_loading) {
        m_reloadWanted = true; // one more load when this one lands: bursts of changes coalesce
        return;
    }
    const quint64 generation = ++m_generation;
    if (m_tsg.isEmpty()) {
        swapIn(nullptr);
        return;
    }
    m_loading = true;
    using Built = std::pair<std::shared_ptr<FileTree>, QString>;
    // The tree is built on a pool thread (Launch::Async), never here even when the listing is done before the
    // continuation is attached, and the result comes back through a watcher, whose signal is always queued: a
    // plain .then(this, ...) runs at once on this thread when the future has already finished, and a load that
    // finishes inside reload() would defeat the coalescing of bursts.
    auto *watcher = new QFutureWatcher<Built>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, name = m_tsg] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const Built built = watcher->result();
        m_loading = false;
        if (m_reloadWanted) {
            m_reloadWanted = false;
            swapIn(built.first);
            reload();
            return;
        }
        // A TSG renamed or deleted while its files were listed is not a failure to report: the rename or the
        // delete is what the user sees (tsgRenamed and tsgsChanged follow).
        if (!built.second.isEmpty() && m_library.resolveTsg(name))
            emit loadFailed(built.second);
        swapIn(built.first);
    });
    const auto key = FileTree::Key(m_sortColumn);
    const Qt::SortOrder order = m_sortOrder;
    watcher->setFuture(
        m_library.tsgFiles(m_tsg).then(QtFuture::Launch::Async,
                                       [key, order](const Result<QList<FileEntry>> &files) -> Built {
                                           if (!files.ok())
                                               return {nullptr, files.error().message};
                                           std::shared_ptr<FileTree> tree = FileTree::build(files.value());
                                           if (key != FileTree::Key::Name
                                               || order != Qt::AscendingOrder) // build's own order is by name
                                               tree->sort(key, order);
                                           return {tree, QString()};
                                       }));
}

void FileTreeModel::swapIn(std::shared_ptr<FileTree> tree)
{
    beginResetModel();
    std::shared_ptr<FileTree> old = std::exchange(m_tree, std::move(tree));
    endResetModel();
    // Freeing 10,000 nodes is the worker's job too.
    if (old && old.use_count() == 1 && old->fileCount() > 1000)
        (void)QtConcurrent::run([old = std::move(old)]() mutable { old.reset(); });
    emit loaded();
}

const FileNode *FileTreeModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_tree ? &m_tree->root() : nullptr;
    return static_cast<const FileNode *>(index.internalPointer());
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const FileNode *p = nodeOf(parent);
    if (!p || row < 0 || row >= int(p->children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex FileTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const FileNode *node = nodeOf(child);
    const FileNode *p = node->parent;
    if (!p || p == &m_tree->root())
        return {};
    return createIndex(p->row, 0, const_cast<FileNode *>(p));
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const FileNode *p = nodeOf(parent);
    return p ? int(p->children.size()) : 0;
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QModelIndex FileTreeModel::indexOfPath(const QString &path) const
{
    if (!m_tree)
        return {};
    const FileNode *node = &m_tree->root();
    QModelIndex index;
    for (const QString &segment : path.split(u'/', Qt::SkipEmptyParts)) {
        const FileNode *next = nullptr;
        for (const auto &c : node->children)
            if (c->entry.name == segment) {
                next = c.get();
                break;
            }
        if (!next)
            return {};
        node = next;
        index = createIndex(node->row, 0, const_cast<FileNode *>(node));
    }
    return index;
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const FileEntry &e = nodeOf(index)->entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return e.name;
        case Size: return Format::size(e.size); // a folder: all its files
        case Type: return FileTree::typeLabel(e);
        case Modified: return e.modifiedAt.isValid() ? Format::time(e.modifiedAt) : QString();
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Name)
            return e.isDirectory ? m_icons.folder() : m_icons.forFile(e.name);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Type && !e.isDirectory)
            return m_icons.description(e.name);
        return e.sha256.isEmpty() ? e.path : e.path + QStringLiteral("\nSHA-256 ") + e.sha256;
    case Qt::TextAlignmentRole:
        if (index.column() == Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        if (e.isDirectory && index.column() != Name)
            return QApplication::palette().brush(QPalette::PlaceholderText);
        break;
    case PathRole: return e.path;
    case Sha256Role: return e.sha256;
    case SortRole:
        switch (index.column()) {
        case Size: return e.size;
        case Modified: return e.modifiedAt;
        default: return e.name.toLower();
        }
    }
    return {};
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == Size)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Size: return tr("Size");
    case Type: return tr("Type");
    case Modified: return tr("Modified");
    }
    return {};
}

Qt::ItemFlags FileTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled
        | (nodeOf(index)->entry.isDirectory ? Qt::NoItemFlags : Qt::ItemNeverHasChildren);
}

void FileTreeModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_tree)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    m_tree->sort(FileTree::Key(column), order);
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &i : before) {
        auto *node = static_cast<FileNode *>(i.internalPointer());
        after << createIndex(node->row, i.column(), node);
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QStringList FileTreeModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

QMimeData *FileTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QList<QUrl> urls;
    QSet<QString> seen;
    for (const QModelIndex &i : indexes) {
        const QString path = i.siblingAtColumn(Name).data(PathRole).toString();
        if (path.isEmpty() || seen.contains(path))
            continue;
        seen.insert(path);
        urls << QUrl::fromLocalFile(m_library.folder().tsgsDir() + u'/' + m_tsg + u'/' + path);
    }
    auto *mime = new QMimeData;
    mime->setUrls(urls);
    return mime;
}

} // namespace tsg
