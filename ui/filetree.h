// A TSG's files as a tree of nodes, built from the library's flat listing. Plain data with no Qt
// object in it, so a worker thread builds it and the GUI thread only swaps it in.
#pragma once

#include "tsgtypes.h"

#include <memory>
#include <vector>

namespace tsg {

struct FileNode {
    FileEntry entry; // for the root: empty
    FileNode *parent = nullptr;
    int row = 0;                                     // index in parent->children
    std::vector<std::unique_ptr<FileNode>> children; // folders first, then in the tree's order (by name at first)
};

class FileTree {
public:
    // Builds the tree; folders the listing only implies (a file "a/b/c.md" without "a/b") are added.
    static std::shared_ptr<FileTree> build(const QList<FileEntry> &files);

    // Orders every folder's entries again, folders always first: by name (natural order), size, kind or modified
    // time, by value; ties by name. Rows are renumbered; nodes stay where they are in memory.
    enum class Key { Name, Size, Type, Modified };
    void sort(Key key, Qt::SortOrder order);
    // The word the Type column shows: one kind of word for every file ("Markdown", "Log", "PDF", "Image"; the
    // extension in capitals for the others, "File" without one), "Folder" for a folder.
    static QString typeLabel(const FileEntry &entry);

    const FileNode &root() const { return m_root; }
    int fileCount() const { return m_fileCount; }
    qint64 totalSize() const { return m_totalSize; }

private:
    FileNode m_root;
    int m_fileCount = 0;
    qint64 m_totalSize = 0;
};

} // namespace tsg
