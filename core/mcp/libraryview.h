// The library as `tsgdesk mcp` reads it: the TSGs, the active TSG, their files, the search index and the sessions,
// straight from the data folder, read-only and without the writer's lock (the app, if running, stays the one
// writer; SQLite's WAL lets the index be read meanwhile). Files are confined by the stores' fileAt() and read by
// FileReader, as tsg:read-file reads them. Nothing is read before the first call, so that the server can answer
// initialize at once. Not thread-safe: a server calls it from one thread at a time.
#pragma once

#include "datafolder.h"
#include "filereader.h"
#include "indexreader.h"
#include "result.h"
#include "searchtypes.h"
#include "sessionstore.h"
#include "trash.h"
#include "tsgstore.h"
#include "tsgtypes.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace tsg {

class LibraryView {
public:
    // What answers search(): by default the view's own IndexReader over the folder's index; the running server passes
    // its SearchIndex's search, which reports the progress of a build as well. Called from the view's thread.
    using Searcher = std::function<Result<SearchResult>(const SearchRequest &)>;
    explicit LibraryView(const QString &dataRoot, Searcher searcher = {});

    const QString &root() const { return m_folder.root(); }

    // The TSGs as the disk has them now (scanned again on every call), sorted by name.
    Result<QList<TsgInfo>> tsgs();
    // The stored name `name` refers to (case-insensitively); NotFound naming it.
    Result<QString> resolveTsg(const QString &name);
    // config.json's activeTSG, as its stored name, when that TSG exists.
    std::optional<QString> activeTsg();
    // The files of a TSG (folders left out), sorted by path.
    Result<QList<FileEntry>> files(const QString &tsg);
    Result<FileContent> readTsgFile(const QString &tsg, const QString &path, const ReadRange &range);
    // Whether the index has been built (by TSG Desk, which writes it while it runs): without it search finds nothing.
    bool hasIndex() const;
    // The index's answer; request.tsgName may be any spelling of a TSG's name (resolved here). NotFound, saying how
    // to build it, when there is no index yet.
    Result<SearchResult> search(SearchRequest request);

    // The session `id` when given (checked to exist), else the one with the latest activity; NotFound when there is
    // none.
    Result<SessionInfo> session(const std::optional<QString> &id);
    Result<QList<SessionFile>> sessionFiles(const QString &sessionId);
    Result<FileContent> readSessionFile(const QString &sessionId, const QString &name, const ReadRange &range);

private:
    TsgStore &store(); // scanned on first use

    DataFolder m_folder;
    Trash m_trash; // TsgStore wants one; nothing here writes to it
    std::unique_ptr<TsgStore> m_store;
    SessionStore m_sessions;
    IndexReader m_index;
    Searcher m_searcher; // empty: m_index answers
};

} // namespace tsg
