// A one-line label that gives up width before anything else does: when its text does not fit, it is cut with
// "…" and shown whole in the tooltip. The status bar's texts use it, so that a long message or a long server URL
// never widens the window beyond a laptop's screen.
#pragma once

#include <QLabel>

namespace tsg {

class ElidingLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidingLabel(QWidget *parent = nullptr);

    // A size hint `chars` average characters wide whatever the text (0: the whole text), so that a new text
    // neither asks for the room of its neighbours nor moves them.
    void setHintChars(int chars);
    QSize sizeHint() const override;
    // A few characters wide: the rest of the text is the first thing to go when the window narrows.
    QSize minimumSizeHint() const override;
    // Whether the text is cut at the label's present width.
    bool isElided() const;

private:
    int m_hintChars = 0;

protected:
    bool event(QEvent *event) override; // the whole text as the tooltip when it is cut and there is no other
    void paintEvent(QPaintEvent *event) override;
};

} // namespace tsg
