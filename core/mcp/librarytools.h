// The MCP tools over the library: list_tsgs, get_active_tsg, search, list_files, read_file, list_session_files and
// read_session_file, each with its input schema and a description written for the model. All read only.
#pragma once

namespace tsg {

class LibraryView;
class ToolRegistry;

class LibraryTools {
public:
    // Adds the tools to `registry`; they read through `view`, which must outlive the registry.
    static void addTo(ToolRegistry &registry, LibraryView &view);
};

} // namespace tsg
