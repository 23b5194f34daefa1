// `tsgdesk mcp`: the MCP server on stdin and stdout, or --install-codex / --uninstall-codex.
#pragma once

// Runs until stdin closes; returns the exit code.
int runMcp(int argc, char **argv);
