#include "problemlabel.h"

namespace tsg {

ProblemLabel::ProblemLabel(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("problem"));
    setStyleSheet(QStringLiteral("color: #b3261e;"));
    setWordWrap(true);
    hide();
}

void ProblemLabel::showProblem(const QString &message)
{
    setText(message);
    setVisible(!message.isEmpty());
}

} // namespace tsg
