// The MCP server's logging category (tsgdesk.mcp), apart from core/logging.h because the module is its own target.
// Qt writes log lines to stderr, which is where `tsgdesk mcp` must log: stdout carries the protocol alone.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcMcp)
