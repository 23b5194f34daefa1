#include "toolregistry.h"

#include <cmath>

namespace tsg {

namespace {

bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == u"string")
        return value.isString();
    if (type == u"boolean")
        return value.isBool();
    if (type == u"number")
        return value.isDouble();
    if (type == u"integer")
        return value.isDouble() && value.toDouble() == std::floor(value.toDouble())
            && std::abs(value.toDouble()) < 9e15;
    if (type == u"object")
        return value.isObject();
    if (type == u"array")
        return value.isArray();
    return true;
}

// 2147483647, not 2.14748e+09.
QString numberText(const QJsonValue &number)
{
    return QString::number(number.toDouble(), 'g', 16);
}

} // namespace

void ToolRegistry::add(Tool tool)
{
    m_tools.append(std::move(tool));
}

QJsonArray ToolRegistry::list() const
{
    QJsonArray tools;
    for (const Tool &t : m_tools)
        tools.append(QJsonObject{{QStringLiteral("name"), t.name},
                                 {QStringLiteral("title"), t.title},
                                 {QStringLiteral("description"), t.description},
                                 {QStringLiteral("inputSchema"), t.inputSchema},
                                 {QStringLiteral("annotations"),
                                  QJsonObject{{QStringLiteral("readOnlyHint"), true},
                                              {QStringLiteral("openWorldHint"), false}}}});
    return tools;
}

std::optional<ToolResult> ToolRegistry::call(const QString &name, const QJsonObject &arguments) const
{
    for (const Tool &t : m_tools) {
        if (t.name != name)
            continue;
        if (const QString refused = checkArguments(t.inputSchema, arguments); !refused.isEmpty())
            return ToolResult::error(QStringLiteral("Invalid arguments for %1: %2").arg(name, refused));
        return t.run(arguments);
    }
    return std::nullopt;
}

QString ToolRegistry::checkArguments(const QJsonObject &schema, const QJsonObject &arguments)
{
    const QJsonObject properties = schema.value(u"properties").toObject();
    for (const QJsonValue &required : schema.value(u"required").toArray())
        if (!arguments.contains(required.toString()))
            return QStringLiteral("%1 is required").arg(required.toString());
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        if (!properties.contains(it.key()))
            return QStringLiteral("unknown argument %1 (known: %2)")
                .arg(it.key(), properties.keys().join(QStringLiteral(", ")));
        const QJsonObject property = properties.value(it.key()).toObject();
        const QString type = property.value(u"type").toString();
        if (!hasType(it.value(), type))
            return QStringLiteral("%1 must be %2 %3").arg(it.key(), type == u"integer" ? u"an" : u"a", type);
        if (property.contains(u"minimum") && it.value().toDouble() < property.value(u"minimum").toDouble())
            return QStringLiteral("%1 must be at least %2").arg(it.key(), numberText(property.value(u"minimum")));
        if (property.contains(u"maximum") && it.value().toDouble() > property.value(u"maximum").toDouble())
            return QStringLiteral("%1 must be at most %2").arg(it.key(), numberText(property.value(u"maximum")));
        if (property.contains(u"minLength") && it.value().toString().size() < property.value(u"minLength").toInt())
            return QStringLiteral("%1 must not be empty").arg(it.key());
    }
    return {};
}

} // namespace tsg
