#include "sessionsdock.h"

#include "sessionspage.h"

#include <QAction>
#include <QSettings>

namespace tsg {

namespace {
const QString kVisibleKey = QStringLiteral("window/sessionsShown");
}

SessionsDock::SessionsDock(SessionsPage *page, QWidget *parent) : QDockWidget(tr("Sessions"), parent), m_page(page)
{
    setObjectName(QStringLiteral("sessionsDock"));
    setAccessibleName(tr("Sessions"));
    setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    setWidget(page);
    toggleViewAction()->setText(tr("&Sessions"));
    connect(page, &SessionsPage::countChanged, this,
            [this](int n) { setWindowTitle(n > 0 ? tr("Sessions (%1)").arg(n) : tr("Sessions")); });
    setVisible(QSettings().value(kVisibleKey, false).toBool());
    // What the user chose (not the dock hiding with the window, to the tray).
    connect(toggleViewAction(), &QAction::triggered, this,
            [](bool shown) { QSettings().setValue(kVisibleKey, shown); });
}

void SessionsDock::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(kVisibleKey, false);
    QDockWidget::closeEvent(event);
}

void SessionsDock::showAndFocus()
{
    show();
    raise();
    QSettings().setValue(kVisibleKey, true);
    m_page->setFocus(Qt::ShortcutFocusReason); // its focus proxy: the list of sessions
}

} // namespace tsg
