#include "pdftextextractor.h"

#include <QPdfDocument>
#include <QPdfSelection>

namespace tsg {

Result<QStringList> PdfTextExtractor::pages(int fd, const QString &what)
{
    // The fd was opened with O_NOFOLLOW by SafeDir; /proc/self/fd/N reaches exactly that file, never a path that a
    // symlink swapped in since could redirect.
    QPdfDocument document;
    const QPdfDocument::Error error = document.load(QStringLiteral("/proc/self/fd/%1").arg(fd));
    if (error != QPdfDocument::Error::None)
        return Error::invalid(QStringLiteral("'%1' is not a readable PDF").arg(what));
    QStringList pages;
    pages.reserve(document.pageCount());
    for (int page = 0; page < document.pageCount(); ++page)
        pages << document.getAllText(page).text();
    document.close();
    return pages;
}

} // namespace tsg
