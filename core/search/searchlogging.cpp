#include "searchlogging.h"

Q_LOGGING_CATEGORY(lcSearch, "tsgdesk.search")
