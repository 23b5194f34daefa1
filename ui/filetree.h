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
    std::vector<std::unique_ptr<FileNode>> children; // folders first, then by name
};

class FileTree {
public:
    // Builds the tree; folders the listing only implies (a file "a/b/c.md" without "a/b") are added.
    static std::shared_ptr<FileTree> build(const QList<FileEntry> &files);

    const FileNode &root() const { return m_root; }
    int fileCount() const { return m_fileCount; }
    qint64 totalSize() const { return m_totalSize; }

private:
    FileNode m_root;
    int m_fileCount = 0;
    qint64 m_totalSize = 0;
};

} // namespace tsg
