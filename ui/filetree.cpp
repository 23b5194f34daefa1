#include "filetree.h"

#include <QHash>

#include <algorithm>
#include <functional>

namespace tsg {

namespace {

// "file9" before "file10", case-insensitive, the same in every locale (a file manager's order).
int naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a.at(ei).isDigit())
                ++ei;
            while (ej < b.size() && b.at(ej).isDigit())
                ++ej;
            // Compare the numbers by value: strip leading zeros, then length, then digits.
            qsizetype si = i, sj = j;
            while (si + 1 < ei && a.at(si) == u'0')
                ++si;
            while (sj + 1 < ej && b.at(sj) == u'0')
                ++sj;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            if (const int c = QStringView(a).mid(si, ei - si).compare(QStringView(b).mid(sj, ej - sj)); c != 0)
                return c;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a.at(i).toCaseFolded(), cb = b.at(j).toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return a.compare(b); // equal but for case: a stable order
}

// A folder's size is what its files hold.
qint64 sumSizes(FileNode &node)
{
    if (!node.entry.isDirectory && node.parent)
        return node.entry.size;
    qint64 total = 0;
    for (auto &c : node.children)
        total += sumSizes(*c);
    node.entry.size = total;
    return total;
}

void sortAndNumber(FileNode &node)
{
    std::sort(node.children.begin(), node.children.end(), [](const auto &a, const auto &b) {
        if (a->entry.isDirectory != b->entry.isDirectory)
            return a->entry.isDirectory;
        return naturalCompare(a->entry.name, b->entry.name) < 0;
    });
    for (int i = 0; i < int(node.children.size()); ++i) {
        node.children[size_t(i)]->row = i;
        if (!node.children[size_t(i)]->children.empty())
            sortAndNumber(*node.children[size_t(i)]);
    }
}

void sortNode(FileNode &node, const std::function<int(const FileNode &, const FileNode &)> &compare,
              Qt::SortOrder order)
{
    std::stable_sort(node.children.begin(), node.children.end(), [&](const auto &a, const auto &b) {
        if (a->entry.isDirectory != b->entry.isDirectory)
            return a->entry.isDirectory;
        int c = compare(*a, *b);
        if (c == 0)
            c = naturalCompare(a->entry.name, b->entry.name);
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    });
    for (int i = 0; i < int(node.children.size()); ++i) {
        node.children[size_t(i)]->row = i;
        if (!node.children[size_t(i)]->children.empty())
            sortNode(*node.children[size_t(i)], compare, order);
    }
}

} // namespace

QString FileTree::typeLabel(const FileEntry &e)
{
    if (e.isDirectory)
        return QStringLiteral("Folder");
    static const QHash<QString, QString> words = {
        {QStringLiteral("markdown"), QStringLiteral("Markdown")},
        {QStringLiteral("text"), QStringLiteral("Text")},
        {QStringLiteral("log"), QStringLiteral("Log")},
        {QStringLiteral("json"), QStringLiteral("JSON")},
        {QStringLiteral("yaml"), QStringLiteral("YAML")},
        {QStringLiteral("image"), QStringLiteral("Image")},
        {QStringLiteral("pdf"), QStringLiteral("PDF")},
        {QStringLiteral("document"), QStringLiteral("Document")},
        {QStringLiteral("spreadsheet"), QStringLiteral("Spreadsheet")},
    };
    if (const auto it = words.constFind(e.type); it != words.constEnd())
        return *it;
    const qsizetype dot = e.name.lastIndexOf(u'.');
    return dot > 0 && dot + 1 < e.name.size() ? e.name.mid(dot + 1).toUpper() : QStringLiteral("File");
}

void FileTree::sort(Key key, Qt::SortOrder order)
{
    std::function<int(const FileNode &, const FileNode &)> compare;
    switch (key) {
    case Key::Name:
        compare = [](const FileNode &a, const FileNode &b) { return naturalCompare(a.entry.name, b.entry.name); };
        break;
    case Key::Size:
        compare = [](const FileNode &a, const FileNode &b) {
            return a.entry.size < b.entry.size ? -1 : a.entry.size > b.entry.size ? 1 : 0;
        };
        break;
    case Key::Type:
        compare = [](const FileNode &a, const FileNode &b) {
            return typeLabel(a.entry).compare(typeLabel(b.entry), Qt::CaseInsensitive);
        };
        break;
    case Key::Modified:
        compare = [](const FileNode &a, const FileNode &b) {
            return a.entry.modifiedAt < b.entry.modifiedAt ? -1 : a.entry.modifiedAt > b.entry.modifiedAt ? 1 : 0;
        };
        break;
    }
    sortNode(m_root, compare, order);
}

std::shared_ptr<FileTree> FileTree::build(const QList<FileEntry> &files)
{
    auto tree = std::make_shared<FileTree>();
    QHash<QString, FileNode *> folders; // path -> node
    folders.reserve(files.size() / 4 + 1);
    // The folder node for `path`, created (with its parents) when the listing has not named it yet.
    auto folderFor = [&](const QString &path, auto &self) -> FileNode * {
        if (path.isEmpty())
            return &tree->m_root;
        if (FileNode *found = folders.value(path))
            return found;
        const qsizetype slash = path.lastIndexOf(u'/');
        FileNode *parent = self(slash < 0 ? QString() : path.left(slash), self);
        auto node = std::make_unique<FileNode>();
        node->entry.path = path;
        node->entry.name = slash < 0 ? path : path.mid(slash + 1);
        node->entry.isDirectory = true;
        node->entry.type = QStringLiteral("directory");
        node->parent = parent;
        FileNode *raw = node.get();
        parent->children.push_back(std::move(node));
        folders.insert(path, raw);
        return raw;
    };
    for (const FileEntry &f : files) {
        const qsizetype slash = f.path.lastIndexOf(u'/');
        const QString parentPath = slash < 0 ? QString() : f.path.left(slash);
        if (f.isDirectory) {
            FileNode *node = folderFor(f.path, folderFor);
            node->entry = f; // keeps the listing's own details (modified time)
            continue;
        }
        FileNode *parent = folderFor(parentPath, folderFor);
        auto node = std::make_unique<FileNode>();
        node->entry = f;
        node->parent = parent;
        parent->children.push_back(std::move(node));
        ++tree->m_fileCount;
        tree->m_totalSize += f.size;
    }
    sortAndNumber(tree->m_root);
    tree->m_root.entry.isDirectory = true;
    sumSizes(tree->m_root);
    return tree;
}

} // namespace tsg
