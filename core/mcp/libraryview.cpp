#include "libraryview.h"

#include "configstore.h"
#include "indexshards.h"
#include "mcplogging.h"
#include "namerules.h"
#include "searchindex.h"

#include <QFileInfo>

namespace tsg {

LibraryView::LibraryView(const QString &dataRoot, Searcher searcher)
    : m_folder(dataRoot), m_trash(m_folder), m_sessions(m_folder),
      m_index(m_folder.tsgsDir(), IndexShards::files(SearchIndex::indexFileIn(m_folder.root()))),
      m_searcher(std::move(searcher))
{}

TsgStore &LibraryView::store()
{
    if (!m_store) {
        m_store = std::make_unique<TsgStore>(m_folder, m_trash);
        if (QFileInfo::exists(m_folder.tsgsDir()))
            if (const Status s = m_store->rescan(); !s.ok())
                qCWarning(lcMcp) << "could not list the TSGs:" << s.error().message;
    }
    return *m_store;
}

Result<QList<TsgInfo>> LibraryView::tsgs()
{
    if (!QFileInfo::exists(m_folder.tsgsDir()))
        return QList<TsgInfo>();
    if (const Status s = store().rescan(); !s.ok())
        return s.error();
    return store().list();
}

Result<QString> LibraryView::resolveTsg(const QString &name)
{
    if (const auto stored = store().resolve(name))
        return *stored;
    // Made or renamed since the last scan (the app may be running)?
    if (QFileInfo::exists(m_folder.tsgsDir()) && store().rescan().ok())
        if (const auto stored = store().resolve(name))
            return *stored;
    return Error::notFound(QStringLiteral("TSG '%1' not found").arg(NameRules::printable(name)));
}

std::optional<QString> LibraryView::activeTsg()
{
    const auto loaded = ConfigStore(m_folder.configFile()).load();
    if (!loaded.ok() || !loaded.value().config.activeTsg)
        return std::nullopt;
    const auto stored = resolveTsg(*loaded.value().config.activeTsg);
    return stored.ok() ? std::optional<QString>(stored.value()) : std::nullopt;
}

Result<QList<FileEntry>> LibraryView::files(const QString &tsg)
{
    const auto stored = resolveTsg(tsg);
    if (!stored.ok())
        return stored.error();
    auto all = store().files(stored.value());
    if (!all.ok())
        return all.error();
    QList<FileEntry> files;
    for (const FileEntry &e : std::as_const(all.value()))
        if (!e.isDirectory)
            files.append(e);
    std::sort(files.begin(), files.end(), [](const FileEntry &a, const FileEntry &b) { return a.path < b.path; });
    return files;
}

Result<FileContent> LibraryView::readTsgFile(const QString &tsg, const QString &path, const ReadRange &range)
{
    const auto stored = resolveTsg(tsg);
    if (!stored.ok())
        return stored.error();
    const auto at = store().fileAt(stored.value(), path);
    if (!at.ok())
        return at.error();
    return FileReader::read(at.value().dir, at.value().path, range, at.value().where);
}

bool LibraryView::hasIndex() const
{
    return QFileInfo::exists(SearchIndex::indexFileIn(m_folder.root()));
}

Result<SearchResult> LibraryView::search(SearchRequest request)
{
    if (!request.tsgName.isEmpty()) {
        const auto stored = resolveTsg(request.tsgName);
        if (!stored.ok())
            return stored.error();
        request.tsgName = stored.value();
    }
    if (!hasIndex())
        return Error::notFound(QStringLiteral("There is no search index in %1 yet: TSG Desk builds it while it runs "
                                              "(start it once). list_files and read_file work without it.")
                                   .arg(m_folder.root()));
    return m_searcher ? m_searcher(request) : m_index.search(request);
}

Result<SessionInfo> LibraryView::session(const std::optional<QString> &id)
{
    if (id)
        return m_sessions.info(*id);
    if (!QFileInfo::exists(m_folder.sessionsDir()))
        return Error::notFound(QStringLiteral("There is no session yet: no file has been uploaded to a session"));
    const auto all = m_sessions.list();
    if (!all.ok())
        return all.error();
    if (all.value().isEmpty())
        return Error::notFound(QStringLiteral("There is no session yet: no file has been uploaded to a session"));
    return all.value().first(); // the latest activity first
}

Result<QList<SessionFile>> LibraryView::sessionFiles(const QString &sessionId)
{
    return m_sessions.files(sessionId);
}

Result<FileContent> LibraryView::readSessionFile(const QString &sessionId, const QString &name, const ReadRange &range)
{
    const auto at = m_sessions.fileAt(sessionId, name);
    if (!at.ok())
        return at.error();
    return FileReader::read(at.value().dir, at.value().path, range, at.value().where);
}

} // namespace tsg
