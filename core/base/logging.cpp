#include "logging.h"

Q_LOGGING_CATEGORY(lcConfig, "tsgdesk.config")
Q_LOGGING_CATEGORY(lcStore, "tsgdesk.store")
Q_LOGGING_CATEGORY(lcSession, "tsgdesk.session")
Q_LOGGING_CATEGORY(lcUpload, "tsgdesk.upload")
Q_LOGGING_CATEGORY(lcCleanup, "tsgdesk.cleanup")
Q_LOGGING_CATEGORY(lcLibrary, "tsgdesk.library")
