// The search module's logging category (tsgdesk.search), apart from core/logging.h because the module is its own
// target.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSearch)
