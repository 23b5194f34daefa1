#include "openfailure.h"

#include "desktopservices.h"

#include <QCoreApplication>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>

namespace tsg {

bool OpenFailure::openFolder(QWidget *parent, DesktopServices &desktop, const QString &absolutePath)
{
    if (desktop.openPath(absolutePath))
        return true;
    const QString path = QDir::toNativeSeparators(absolutePath);
    QMessageBox box(QMessageBox::Warning, QCoreApplication::translate("OpenFailure", "Cannot open the folder"),
                    QCoreApplication::translate("OpenFailure",
                                                "No file manager could open the folder:\n%1\n\nThe desktop has no "
                                                "program registered to open folders. Copy the path to open it "
                                                "elsewhere, such as in a terminal.")
                        .arg(path),
                    QMessageBox::Close, parent);
    box.setObjectName(QStringLiteral("openFailed"));
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *copy = box.addButton(QCoreApplication::translate("OpenFailure", "Copy path"), QMessageBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyPath"));
    box.setDefaultButton(copy);
    box.exec();
    if (box.clickedButton() == copy)
        desktop.copyText(path);
    return false;
}

} // namespace tsg
