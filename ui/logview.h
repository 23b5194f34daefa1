// The preview's viewer of logs and other text: monospace, with line numbers, the current line marked and a
// search term highlighted, drawing only the lines in view from a LogSource, so that a 100 MB log opens at any
// line and scrolls without the window waiting for the disk.
#pragma once

#include "logsource.h"

#include <QAbstractScrollArea>

namespace tsg {

class LogView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit LogView(Library &library, QWidget *parent = nullptr);

    // Opens a TSG's file at `line` (1-based; 0: the top), marking it current and highlighting `highlight` (case
    // insensitive) wherever it shows. opened() or failed() follows.
    void open(const QString &tsg, const QString &path, int line = 0, const QString &highlight = {});
    void clear();
    // Makes `line` current and scrolls it into view with a few lines of context above.
    void goToLine(int line);

    LogSource &source() { return m_source; }
    const LogSource &source() const { return m_source; }
    int lineCount() const { return m_source.lineCount(); }
    int firstVisibleLine() const; // 1-based
    int visibleLineCount() const; // whole lines that fit
    int currentLine() const { return m_current; }
    const QString &highlight() const { return m_highlight; }
    // Where `highlight` shows in the current line (character offsets), as drawn; empty when it does not.
    QList<std::pair<int, int>> highlightsInCurrentLine() const;

signals:
    void opened();
    void failed(const QString &message);
    void currentLineChanged(int line);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void updateScrollBars();
    void fetchVisible();
    void setCurrent(int line);
    int gutterWidth() const;
    int lineHeight() const;
    int charWidth() const;

    LogSource m_source;
    int m_current = 0;
    int m_pendingLine = 0; // to go to once the index is ready
    QString m_highlight;
};

} // namespace tsg
