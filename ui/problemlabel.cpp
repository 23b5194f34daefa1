#include "problemlabel.h"

namespace tsg {

ProblemLabel::ProblemLabel(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("problem"));
    setStyleSheet(QStringLiteral("color: #b3261e;"));
    setWordWrap(true);
    hide();
}

} // namespace tsg
