// A file read for a model, a page at a time: the range read_file and read_session_file ask FileReader for (by lines
// unless bytes are asked for), cut to at most kMaxBytes of text on a line boundary, and a result that says which
// part came back and the exact arguments that read the next part. Bounded so that one call never floods the
// model's context.
#pragma once

#include "filereader.h"
#include "toolresult.h"

#include <QJsonObject>
#include <QString>

namespace tsg {

class PagedRead {
public:
    static constexpr qint64 kMaxBytes = 32 * 1024; // of text per call
    static constexpr qint64 kMaxImageBytes = 1 << 20;

    // The range the tool arguments (offset, length, line, lines) ask for in the file `path`: by default the lines
    // from the first; an image whole.
    static ReadRange rangeOf(const QJsonObject &arguments, const QString &path);
    // The result for `content`, read with `range` (from rangeOf()), cut to kMaxBytes. `tool` and `baseArguments`
    // (the arguments that name the file) make the hint for the next call; `label` names the file for the model.
    static ToolResult result(const FileContent &content, const ReadRange &range, const QString &label,
                             const QString &tool, const QJsonObject &baseArguments);
};

} // namespace tsg
