// One MCP server over a data folder with everything it serves (the library view, the tools, the resources and the
// prompt), built in one place: `tsgdesk mcp` serves one on stdio, the running server one per HTTP session at /mcp.
#pragma once

#include "libraryview.h"
#include "mcpserver.h"
#include "promptcatalog.h"
#include "resourcecatalog.h"
#include "toolregistry.h"

#include <QString>

namespace tsg {

class McpService {
public:
    // Reads nothing yet (the view reads on the first call). `version` is the program's, for serverInfo.
    McpService(const QString &dataRoot, const QString &version, LibraryView::Searcher searcher = {});
    McpService(const McpService &) = delete;
    McpService &operator=(const McpService &) = delete;

    // Not thread-safe, as its parts: one thread at a time.
    McpServer &server() { return m_server; }

private:
    LibraryView m_view;
    ToolRegistry m_tools;
    const ResourceCatalog m_resources;
    const PromptCatalog m_prompts;
    McpServer m_server; // last: it refers to the parts above
};

} // namespace tsg
