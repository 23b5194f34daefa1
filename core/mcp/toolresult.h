// What a tool call returns to the model: content blocks (text, images), the same data as JSON when it has a shape
// (structuredContent), and whether it failed. A failure is a result the model reads and may act on, never a crash.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace tsg {

struct ToolResult {
    QJsonArray content{};
    QJsonObject structured{};
    bool isError = false;

    // A failure the model can read ("TSG 'vpn' not found").
    static ToolResult error(const QString &message);
    // `data` as structuredContent and as compact JSON text, after an optional line of text for the model.
    static ToolResult json(const QJsonObject &data, const QString &note = {});
    static QJsonObject textBlock(const QString &text);

    QJsonObject toJson() const; // the CallToolResult
};

} // namespace tsg
