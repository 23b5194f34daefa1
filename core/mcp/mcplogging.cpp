#include "mcplogging.h"

Q_LOGGING_CATEGORY(lcMcp, "tsgdesk.mcp")
