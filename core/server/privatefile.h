// Files only the user may read (the token, server.json): whatever is at the path — a planted
// symlink, a 0644 file — is unlinked, never followed, and the file is created fresh with mode 0600.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace tsg {

Status writePrivateFile(const QString &path, const QByteArray &bytes);

} // namespace tsg
