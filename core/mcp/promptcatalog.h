// The MCP prompts: `troubleshoot`, which starts a conversation on the active TSG (or the one named) with its
// overview, the TSG's README or first markdown file, pulled in as an embedded resource, and tells the model how to
// use the tools from there.
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>

namespace tsg {

class LibraryView;

class PromptCatalog {
public:
    static constexpr qint64 kMaxOverviewBytes = 64 * 1024;

    explicit PromptCatalog(LibraryView &view);

    QJsonObject list() const; // the prompts/list result
    // The prompts/get result. NotFound for an unknown prompt or TSG; Invalid when no TSG is named and none is
    // active, or for an argument that is not a string.
    Result<QJsonObject> get(const QString &name, const QJsonObject &arguments) const;

private:
    LibraryView &m_view;
};

} // namespace tsg
