#include "codexconfig.h"

#include "datafolder.h"
#include "safedir.h"

#include <QDir>
#include <QFile>
#include <QList>
#include <QMap>

#include <string_view>
#include <sys/stat.h>

// toml++ is used header-only and without exceptions (our code neither throws nor catches): parse() returns a
// result that says whether it failed.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace tsg {

namespace {

const QString kFileName = QStringLiteral("config.toml");
const QStringList kTablePath = {QStringLiteral("mcp_servers"), QStringLiteral("tsgdesk")};

QString problemAt(const toml::source_region &where, std::string_view what)
{
    return QStringLiteral("line %1, column %2: %3")
        .arg(where.begin.line)
        .arg(where.begin.column)
        .arg(QString::fromUtf8(what.data(), qsizetype(what.size())));
}

// The lines of `toml`, each with its '\n'.
QList<QByteArray> linesOf(const QByteArray &toml)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < toml.size()) {
        const qsizetype end = toml.indexOf('\n', start);
        const qsizetype next = end < 0 ? toml.size() : end + 1;
        lines << toml.mid(start, next - start);
        start = next;
    }
    return lines;
}

bool isOurs(const QStringList &path)
{
    return path.size() >= kTablePath.size() && path.mid(0, kTablePath.size()) == kTablePath;
}

// The table header lines of a document (1-based line -> the key path the header opens; the longest, for a line
// whose header also made its parents), found through the parser, never by looking for '[' in the text, which a
// multi-line string may hold. A table defined inline or by dotted keys has no header line.
using Headers = QMap<int, QStringList>;

void collect(const toml::table &table, const QStringList &path, const QList<QByteArray> &lines, Headers &out)
{
    const auto note = [&](const toml::table &t, const QStringList &p) {
        const int line = int(t.source().begin.line);
        const bool header =
            !t.is_inline() && line >= 1 && line <= lines.size() && lines.at(line - 1).trimmed().startsWith('[');
        if (header && out.value(line).size() < p.size())
            out.insert(line, p);
    };
    for (auto &&[key, node] : table) {
        QStringList p = path;
        p << QString::fromUtf8(key.str().data(), qsizetype(key.str().size()));
        if (const toml::table *t = node.as_table()) {
            note(*t, p);
            collect(*t, p, lines, out);
        } else if (const toml::array *a = node.as_array()) {
            for (auto &&element : *a)
                if (const toml::table *t = element.as_table()) {
                    note(*t, p);
                    collect(*t, p, lines, out);
                }
        }
    }
}

struct Parsed {
    QList<QByteArray> lines;
    QList<std::pair<int, int>> regions; // our table's blocks: [first, last) 0-based line indexes
    bool exists = false;
};

Result<Parsed> parse(const QByteArray &toml)
{
    toml::parse_result result = toml::parse(std::string_view(toml.constData(), size_t(toml.size())));
    if (!result)
        return Error::invalid(QStringLiteral("%1 is not valid TOML (%2): it is left as it is; fix it first")
                                  .arg(kFileName, problemAt(result.error().source(), result.error().description())));
    Parsed parsed;
    parsed.lines = linesOf(toml);
    const toml::table &root = result.table();
    parsed.exists = root[kTablePath.at(0).toStdString()][kTablePath.at(1).toStdString()].is_table();
    Headers headers;
    collect(root, {}, parsed.lines, headers);
    const QList<int> headerLines = headers.keys();
    for (qsizetype i = 0; i < headerLines.size(); ++i) {
        if (!isOurs(headers.value(headerLines.at(i))))
            continue;
        const int first = headerLines.at(i) - 1;
        int last = i + 1 < headerLines.size() ? headerLines.at(i + 1) - 1 : int(parsed.lines.size());
        // Blank lines and comments before the next header belong with it, not with us.
        while (last > first + 1) {
            const QByteArray line = parsed.lines.at(last - 1).trimmed();
            if (!line.isEmpty() && !line.startsWith('#'))
                break;
            --last;
        }
        if (!parsed.regions.isEmpty() && parsed.regions.last().second == first)
            parsed.regions.last().second = last; // [mcp_servers.tsgdesk.env] right after ours: one block
        else
            parsed.regions.append({first, last});
    }
    if (parsed.exists && parsed.regions.isEmpty())
        return Error::invalid(QStringLiteral("%1 defines [%2] as an inline table or with dotted keys, which cannot be "
                                             "replaced as one block: it is left as it is; remove that definition "
                                             "and try again")
                                  .arg(kFileName, kTablePath.join(u'.')));
    return parsed;
}

QByteArray tomlString(const QString &value)
{
    QByteArray out = "\"";
    for (const QChar c : value) {
        if (c == u'"')
            out += "\\\"";
        else if (c == u'\\')
            out += "\\\\";
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toLatin1();
        else
            out += QString(c).toUtf8();
    }
    return out + '"';
}

QByteArray tableText(const CodexConfig::Server &server)
{
    QByteArrayList args;
    for (const QString &a : server.args)
        args << tomlString(a);
    return "[" + kTablePath.join(u'.').toUtf8() + "]\ncommand = " + tomlString(server.command) + "\nargs = ["
        + args.join(", ") + "]\n";
}

QByteArray join(const QList<QByteArray> &lines, qsizetype from, qsizetype to)
{
    QByteArray out;
    for (qsizetype i = from; i < to; ++i)
        out += lines.at(i);
    return out;
}

// The text with our blocks taken out, and `replacement` put in the place of the first one.
QByteArray replaced(const Parsed &parsed, const QByteArray &replacement)
{
    QByteArray out;
    qsizetype at = 0;
    for (qsizetype i = 0; i < parsed.regions.size(); ++i) {
        out += join(parsed.lines, at, parsed.regions.at(i).first);
        if (i == 0)
            out += replacement;
        at = parsed.regions.at(i).second;
    }
    return out + join(parsed.lines, at, parsed.lines.size());
}

} // namespace

CodexConfig::CodexConfig(QString codexHome) : m_home(std::move(codexHome)) {}

QString CodexConfig::file() const
{
    return QDir(m_home).filePath(kFileName);
}

CodexConfig::Server CodexConfig::serverFor(const QString &program, const QString &dataDir)
{
    Server server{.command = program, .args = {QStringLiteral("mcp")}};
    if (dataDir != DataFolder::resolve())
        server.args << QStringLiteral("--data-dir") << dataDir;
    return server;
}

Result<bool> CodexConfig::installed() const
{
    auto dir = SafeDir::openRoot(m_home);
    if (!dir.ok())
        return QDir(m_home).exists() ? Result<bool>(dir.error()) : Result<bool>(false);
    const auto st = dir.value().stat(kFileName);
    if (!st.ok())
        return st.error();
    if (!st.value())
        return false;
    auto read = dir.value().readFile(kFileName);
    if (!read.ok())
        return read.error();
    const auto has = hasServer(read.value());
    if (!has.ok())
        return Error::invalid(QStringLiteral("%1: %2").arg(file(), has.error().message));
    return has.value();
}

Result<bool> CodexConfig::hasServer(const QByteArray &toml)
{
    const auto parsed = parse(toml);
    if (!parsed.ok())
        return parsed.error();
    return parsed.value().exists;
}

Result<QByteArray> CodexConfig::withServer(const QByteArray &toml, const Server &server)
{
    const auto parsed = parse(toml);
    if (!parsed.ok())
        return parsed.error();
    QByteArray out;
    if (parsed.value().regions.isEmpty()) {
        out = toml;
        if (!out.isEmpty())
            out += out.endsWith('\n') ? "\n" : "\n\n";
        out += tableText(server);
    } else {
        out = replaced(parsed.value(), tableText(server));
    }
    // Check that the edit reads back as meant before anyone writes it.
    toml::parse_result check = toml::parse(std::string_view(out.constData(), size_t(out.size())));
    if (!check
        || check.table().at_path("mcp_servers.tsgdesk.command").value_or(std::string_view())
            != server.command.toStdString())
        return Error::of(ErrorKind::Internal,
                         QStringLiteral("Could not edit %1 safely: it is left as it is").arg(kFileName));
    return out;
}

Result<QByteArray> CodexConfig::withoutServer(const QByteArray &toml)
{
    const auto parsed = parse(toml);
    if (!parsed.ok())
        return parsed.error();
    if (parsed.value().regions.isEmpty())
        return toml;
    Parsed cut = parsed.value();
    // The blank line install() put before a table it appended at the end goes with it.
    if (auto &last = cut.regions.last(); last.second == cut.lines.size() && last.first > 1
        && cut.lines.at(last.first - 1).trimmed().isEmpty() && !cut.lines.at(last.first - 2).trimmed().isEmpty())
        --last.first;
    const QByteArray out = replaced(cut, {});
    toml::parse_result check = toml::parse(std::string_view(out.constData(), size_t(out.size())));
    if (!check || check.table().at_path("mcp_servers.tsgdesk"))
        return Error::of(ErrorKind::Internal,
                         QStringLiteral("Could not edit %1 safely: it is left as it is").arg(kFileName));
    return out;
}

Result<CodexConfig::Change> CodexConfig::install(const Server &server) const
{
    return edit(true, server);
}

Result<CodexConfig::Change> CodexConfig::uninstall() const
{
    return edit(false, {});
}

Result<CodexConfig::Change> CodexConfig::edit(bool install, const Server &server) const
{
    if (install && !QDir().mkpath(m_home))
        return Error::io(QStringLiteral("Cannot create the folder %1").arg(m_home));
    auto dir = SafeDir::openRoot(m_home);
    if (!dir.ok()) {
        if (!install && !QDir(m_home).exists())
            return Change::Unchanged;
        return dir.error();
    }
    const auto st = dir.value().stat(kFileName);
    if (!st.ok())
        return st.error();
    QByteArray before;
    mode_t mode = 0600;
    if (st.value()) {
        if (!S_ISREG(st.value()->st_mode))
            return Error::io(QStringLiteral("%1 is not a regular file (a symbolic link?): it is left as it is; "
                                            "edit it by hand")
                                 .arg(file()));
        mode = st.value()->st_mode & 07777;
        auto read = dir.value().readFile(kFileName);
        if (!read.ok())
            return read.error();
        before = read.value();
    } else if (!install) {
        return Change::Unchanged;
    }
    const auto had = hasServer(before);
    if (!had.ok())
        return Error::invalid(QStringLiteral("%1: %2").arg(file(), had.error().message));
    const auto after = install ? withServer(before, server) : withoutServer(before);
    if (!after.ok())
        return Error::of(after.error().kind, QStringLiteral("%1: %2").arg(file(), after.error().message));
    if (after.value() == before)
        return Change::Unchanged;
    if (const Status written = dir.value().writeFileAtomic(kFileName, after.value()); !written.ok())
        return written.error();
    ::fchmodat(dir.value().fd(), QFile::encodeName(kFileName).constData(), mode, 0); // keep the user's permissions
    if (!install)
        return Change::Removed;
    return had.value() ? Change::Replaced : Change::Added;
}

} // namespace tsg
