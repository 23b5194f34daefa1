#include "filetreemodel.h"

#include "tsglistmodel.h"

#include <QApplication>
#include <QFileIconProvider>
#include <QFutureWatcher>
#include <QLocale>
#include <QMimeDatabase>
#include <QStyle>

namespace tsg {

FileTreeModel::FileTreeModel(Library &library, QObject *parent) : QStandardItemModel(parent), m_library(library)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Size"), tr("Type"), tr("Modified")});
    connect(&library, &Library::tsgFilesChanged, this, [this](const QString &name) {
        if (name == m_tsg)
            reload();
    }, Qt::QueuedConnection);
}

void FileTreeModel::showTsg(const QString &name)
{
    if (name == m_tsg)
        return;
    m_tsg = name;
    reload();
}

void FileTreeModel::reload()
{
    const quint64 generation = ++m_generation;
    if (m_tsg.isEmpty()) {
        fill({});
        return;
    }
    auto *watcher = new QFutureWatcher<Result<QList<FileEntry>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another TSG was chosen meanwhile
        const auto files = watcher->result();
        fill(files.ok() ? files.value() : QList<FileEntry>());
    });
    watcher->setFuture(m_library.tsgFiles(m_tsg));
}

QIcon FileTreeModel::iconFor(const FileEntry &entry)
{
    if (entry.isDirectory)
        return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
    const QString suffix = entry.name.section(u'.', -1).toLower();
    auto it = m_icons.find(suffix);
    if (it == m_icons.end()) {
        static const QMimeDatabase mimes;
        const QMimeType mime = mimes.mimeTypeForFile(entry.name, QMimeDatabase::MatchExtension);
        QIcon icon = QIcon::fromTheme(mime.iconName(), QIcon::fromTheme(mime.genericIconName()));
        if (icon.isNull())
            icon = QFileIconProvider().icon(QFileIconProvider::File);
        it = m_icons.insert(suffix, icon);
    }
    return *it;
}

void FileTreeModel::fill(const QList<FileEntry> &files)
{
    removeRows(0, rowCount());
    m_fileCount = 0;
    QHash<QString, QStandardItem *> folders; // path -> its name item
    QStandardItem *root = invisibleRootItem();
    for (const FileEntry &f : files) {
        const qsizetype slash = f.path.lastIndexOf(u'/');
        QStandardItem *parent = slash < 0 ? root : folders.value(f.path.left(slash), root);
        auto *name = new QStandardItem(iconFor(f), f.name);
        name->setData(f.path, Qt::UserRole);
        name->setToolTip(f.sha256.isEmpty() ? f.path : f.path + QStringLiteral("\nSHA-256 ") + f.sha256);
        auto *size = new QStandardItem(f.isDirectory ? QString() : humanSize(f.size));
        size->setData(int(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
        auto *type = new QStandardItem(f.type);
        auto *modified = new QStandardItem(QLocale().toString(f.modifiedAt.toLocalTime(), QLocale::ShortFormat));
        for (QStandardItem *item : {name, size, type, modified})
            item->setEditable(false);
        parent->appendRow({name, size, type, modified});
        if (f.isDirectory)
            folders.insert(f.path, name);
        else
            ++m_fileCount;
    }
    emit loaded();
}

} // namespace tsg
