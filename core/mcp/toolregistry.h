// The tools an MCP client may call: each with its name, description, input JSON Schema and handler. It lists them
// (tools/list) and calls one (tools/call) after checking the arguments against the schema's simple rules (required
// properties, types, bounds, no unknown property), so that a handler gets arguments of the right shape.
#pragma once

#include "toolresult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace tsg {

struct Tool {
    QString name{};
    QString title{};
    QString description{};
    QJsonObject inputSchema{}; // type object; properties of type string, integer, number or boolean
    std::function<ToolResult(const QJsonObject &arguments)> run{};
};

class ToolRegistry {
public:
    void add(Tool tool);
    QJsonArray list() const; // the tools/list result's `tools`
    // nullopt for an unknown tool (a protocol error for the caller); a result otherwise, an isError one for
    // arguments the schema refuses.
    std::optional<ToolResult> call(const QString &name, const QJsonObject &arguments) const;

    // The schema's refusal of `arguments` ("tsg: expected a string"), or an empty string.
    static QString checkArguments(const QJsonObject &schema, const QJsonObject &arguments);

private:
    QList<Tool> m_tools;
};

} // namespace tsg
