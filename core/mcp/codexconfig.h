// Registers `tsgdesk mcp` with codex: the [mcp_servers.tsgdesk] table of $CODEX_HOME/config.toml, added, replaced or
// removed as text, so that every other byte of the file (comments, blank lines, other tables) stays as it is. The
// file is parsed (toml++) before and after the edit: a broken file is never written, and neither is an edit that
// would not parse back to what was meant.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace tsg {

class CodexConfig {
public:
    struct Server {
        QString command{};  // absolute path of the program
        QStringList args{}; // ["mcp"], plus --data-dir DIR when not the default
    };
    enum class Change { Added, Replaced, Removed, Unchanged };

    // `codexHome` is $CODEX_HOME (DataFolder::resolve() without --data-dir).
    explicit CodexConfig(QString codexHome);
    QString file() const; // config.toml in it

    // What `tsgdesk mcp --install-codex` and Settings register: `program` (absolute) with ["mcp"], plus
    // --data-dir `dataDir` when `dataDir` (resolved) is not the default folder (DataFolder::resolve()).
    static Server serverFor(const QString &program, const QString &dataDir);

    // Whether config.toml has the table (false when there is no file). Invalid, naming the file and the line, for a
    // file that does not parse. Reads the file: not on the GUI thread.
    Result<bool> installed() const;

    // Writes the table (atomically, keeping the file's permissions); the folder and the file are made when missing.
    // Invalid, naming the line, for a file that does not parse or that defines the table in a way that is not one
    // block of text (an inline table, dotted keys): the file is left as it is.
    Result<Change> install(const Server &server) const;
    // Removes the table; Unchanged when there is none (or no file).
    Result<Change> uninstall() const;

    // The edits on text, for the two above and for tests: `toml` with the table set to `server` (in its place, or
    // appended), or without it.
    static Result<QByteArray> withServer(const QByteArray &toml, const Server &server);
    static Result<QByteArray> withoutServer(const QByteArray &toml);
    // Whether `toml` (valid) has the table.
    static Result<bool> hasServer(const QByteArray &toml);

private:
    Result<Change> edit(bool install, const Server &server) const;

    QString m_home;
};

} // namespace tsg
