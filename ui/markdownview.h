// The preview's rendered markdown: a QTextBrowser that never reads a resource itself (an image the markdown
// names would otherwise be opened by path on the GUI thread, and could point outside the TSG) and never
// follows a link itself: the pane decides where each link goes.
#pragma once

#include <QTextBrowser>

namespace tsg {

class MarkdownView : public QTextBrowser {
    Q_OBJECT
public:
    explicit MarkdownView(QWidget *parent = nullptr);

    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace tsg
