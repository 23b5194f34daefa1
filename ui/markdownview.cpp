#include "markdownview.h"

namespace tsg {

MarkdownView::MarkdownView(QWidget *parent) : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("markdownView"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
}

QVariant MarkdownView::loadResource(int, const QUrl &)
{
    return {}; // nothing from disk or network: images in the markdown show as their alt text
}

} // namespace tsg
