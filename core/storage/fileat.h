// One file to read, confined: the folder it is in, opened without following a link, the path below it already
// checked by NameRules, and how messages name the folder. TsgStore::fileAt and SessionStore::fileAt make it, for
// FileReader, so that every reader (the protocol, the window, the MCP server) confines paths the same way.
#pragma once

#include "safedir.h"

#include <QString>

namespace tsg {

struct FileAt {
    SafeDir dir{};
    QString path{};  // relative to dir, '/'-separated
    QString where{}; // "TSG 'vpn'", "session 'abc'"
};

} // namespace tsg
