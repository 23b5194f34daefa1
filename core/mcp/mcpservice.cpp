#include "mcpservice.h"

#include "librarytools.h"

namespace tsg {

namespace {

ToolRegistry toolsOver(LibraryView &view)
{
    ToolRegistry tools;
    LibraryTools::addTo(tools, view);
    return tools;
}

} // namespace

McpService::McpService(const QString &dataRoot, const QString &version, LibraryView::Searcher searcher)
    : m_view(dataRoot, std::move(searcher)), m_tools(toolsOver(m_view)), m_resources(m_view), m_prompts(m_view),
      m_server({.tools = m_tools, .resources = m_resources, .prompts = m_prompts}, version)
{}

} // namespace tsg
