// The text of each page of a PDF, so that a hit can name its page. Qt PDF (QPdfDocument, PDFium) rather than
// poppler-qt6: it is the same Qt release as the rest of the app, and the window's preview (issue 15) can show the
// hit's page with QPdfView from the same module. Needs Qt Gui, so it lives in tsgdesk_search, never in the core.
#pragma once

#include "result.h"

#include <QStringList>

namespace tsg {

class PdfTextExtractor {
public:
    // The text of every page (index 0 is page 1) of the PDF open on `fd` (not taken over: the caller closes it).
    // An Invalid error names `what` when the bytes are not a PDF Qt PDF can read (or it is password-protected).
    // Any thread; Qt PDF serialises PDFium itself.
    static Result<QStringList> pages(int fd, const QString &what);
};

} // namespace tsg
