// The inline validation message of a dialog ("TSG name must be between 3 and 100 characters"): red,
// wrapped, named "problem" for tests, and hidden until there is something to say.
#pragma once

#include <QLabel>

namespace tsg {

class ProblemLabel : public QLabel {
    Q_OBJECT
public:
    explicit ProblemLabel(QWidget *parent = nullptr);

    // Shows the message; an empty one hides the label.
    void showProblem(const QString &message);
};

} // namespace tsg
