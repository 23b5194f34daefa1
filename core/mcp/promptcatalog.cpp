#include "promptcatalog.h"

#include "filereader.h"
#include "libraryview.h"
#include "resourcecatalog.h"
#include "tsguri.h"

#include <QJsonArray>

#include <algorithm>

namespace tsg {

namespace {

// The TSG's overview: README.md at its top, else index.md or overview.md there, else its first markdown file at
// the top, else its first markdown file anywhere (path order). Empty when it has none.
QString overviewOf(const QList<FileEntry> &files)
{
    QList<FileEntry> markdown;
    std::copy_if(files.begin(), files.end(), std::back_inserter(markdown),
                 [](const FileEntry &f) { return f.type == u"markdown"; });
    const auto atTop = [](const FileEntry &f) { return !f.path.contains(u'/'); };
    for (const QString &wanted :
         {QStringLiteral("readme.md"), QStringLiteral("index.md"), QStringLiteral("overview.md")})
        for (const FileEntry &f : std::as_const(markdown))
            if (atTop(f) && f.path.compare(wanted, Qt::CaseInsensitive) == 0)
                return f.path;
    for (const FileEntry &f : std::as_const(markdown))
        if (atTop(f))
            return f.path;
    return markdown.isEmpty() ? QString() : markdown.first().path;
}

QJsonObject userText(const QString &text)
{
    return {{QStringLiteral("role"), QStringLiteral("user")},
            {QStringLiteral("content"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}}}};
}

} // namespace

PromptCatalog::PromptCatalog(LibraryView &view) : m_view(view) {}

QJsonObject PromptCatalog::list() const
{
    const auto argument = [](const QString &name, const QString &description) {
        return QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("description"), description},
                           {QStringLiteral("required"), false}};
    };
    return {{QStringLiteral("prompts"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("name"), QStringLiteral("troubleshoot")},
                 {QStringLiteral("title"), QStringLiteral("Troubleshoot with the active TSG")},
                 {QStringLiteral("description"),
                  QStringLiteral("Starts an investigation on the active troubleshooting guide (or the one named): "
                                 "its overview comes into the conversation, and the model is told how to search "
                                 "and read the rest.")},
                 {QStringLiteral("arguments"),
                  QJsonArray{argument(QStringLiteral("problem"), QStringLiteral("What goes wrong, in a sentence.")),
                             argument(QStringLiteral("tsg"),
                                      QStringLiteral("The TSG to use; by default the active "
                                                     "one."))}}}}}};
}

Result<QJsonObject> PromptCatalog::get(const QString &name, const QJsonObject &arguments) const
{
    if (name != u"troubleshoot")
        return Error::notFound(QStringLiteral("Prompt '%1' not found; the prompts are: troubleshoot").arg(name));
    for (auto it = arguments.begin(); it != arguments.end(); ++it)
        if (!it.value().isString())
            return Error::invalid(QStringLiteral("Argument '%1' must be a string").arg(it.key()));
    QString tsg = arguments.value(u"tsg").toString();
    if (tsg.isEmpty()) {
        const auto active = m_view.activeTsg();
        if (!active)
            return Error::invalid(QStringLiteral("No TSG is active: make one active in TSG Desk, or pass the tsg "
                                                 "argument"));
        tsg = *active;
    }
    const auto stored = m_view.resolveTsg(tsg);
    if (!stored.ok())
        return stored.error();
    tsg = stored.value();
    QString description;
    if (const auto tsgs = m_view.tsgs(); tsgs.ok())
        for (const TsgInfo &t : tsgs.value())
            if (t.name == tsg)
                description = t.description;
    const auto files = m_view.files(tsg);
    if (!files.ok())
        return files.error();

    const QString problem = arguments.value(u"problem").toString();
    QString intro = problem.isEmpty() ? QStringLiteral("Help me troubleshoot a problem")
                                      : QStringLiteral("Help me troubleshoot this problem: %1\n\n").arg(problem);
    if (problem.isEmpty())
        intro += QStringLiteral(".\n\n");
    intro += QStringLiteral("Use the troubleshooting guide (TSG) '%1'%2, which has %3 files.")
                 .arg(tsg, description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description))
                 .arg(files.value().size());
    const QString overview = overviewOf(files.value());
    QJsonArray messages;
    if (overview.isEmpty()) {
        intro += QStringLiteral(" It has no markdown overview: list_files shows what it holds.");
    } else {
        intro += QStringLiteral(" Its overview, %1, follows.").arg(overview);
    }
    intro += QStringLiteral(
        " Use the tsgdesk tools: search to find the steps that match what you see, read_file to read them (with "
        "the line a hit gives), and list_session_files and read_session_file for the logs and files I uploaded. "
        "Say which file and line each step you suggest comes from.");
    messages.append(userText(intro));
    if (!overview.isEmpty()) {
        const auto read = m_view.readTsgFile(tsg, overview, ReadRange{.length = kMaxOverviewBytes});
        if (!read.ok())
            return read.error();
        QString text = QString::fromUtf8(read.value().bytes);
        if (read.value().offset + read.value().length < read.value().size)
            text += QStringLiteral("\n\n[… the overview goes on: read_file {\"tsg\": \"%1\", \"path\": \"%2\", "
                                   "\"offset\": %3} reads the rest]")
                        .arg(tsg, overview)
                        .arg(read.value().offset + read.value().length);
        messages.append(
            QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                        {QStringLiteral("content"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("resource")},
                                     {QStringLiteral("resource"),
                                      QJsonObject{{QStringLiteral("uri"), TsgUri::make(tsg, overview)},
                                                  {QStringLiteral("mimeType"),
                                                   ResourceCatalog::mimeTypeOf(QStringLiteral("markdown"), overview)},
                                                  {QStringLiteral("text"), text}}}}}});
    }
    return QJsonObject{{QStringLiteral("description"), QStringLiteral("Troubleshoot with the TSG '%1'").arg(tsg)},
                       {QStringLiteral("messages"), messages}};
}

} // namespace tsg
