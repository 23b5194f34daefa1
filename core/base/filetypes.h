// The seed's file type names (markdown, text, log, json, yaml, image, unknown) and extensions.
#pragma once

#include <QString>

namespace tsg::FileTypes {

// The seed's getFileType: by extension, case-insensitive; "unknown" when not in its map.
QString typeOf(const QString &fileName);

// ".log" for "a/b/x.LOG"; empty when there is none.
QString extensionOf(const QString &fileName);

} // namespace tsg::FileTypes
