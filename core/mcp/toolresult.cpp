#include "toolresult.h"

#include <QJsonDocument>

namespace tsg {

ToolResult ToolResult::error(const QString &message)
{
    return {.content = {textBlock(message)}, .isError = true};
}

ToolResult ToolResult::json(const QJsonObject &data, const QString &note)
{
    ToolResult r{.structured = data};
    if (!note.isEmpty())
        r.content.append(textBlock(note));
    r.content.append(textBlock(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))));
    return r;
}

QJsonObject ToolResult::textBlock(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}

QJsonObject ToolResult::toJson() const
{
    QJsonObject out{{QStringLiteral("content"), content}};
    if (!structured.isEmpty())
        out.insert(QStringLiteral("structuredContent"), structured);
    if (isError)
        out.insert(QStringLiteral("isError"), true);
    return out;
}

} // namespace tsg
