// The sessions' own place: a panel of the main window (docked at the bottom, or floating) beside the TSGs rather
// than a tab beside one TSG's files, since sessions belong to no TSG. Shown and hidden from View › Sessions; the
// title says how many there are, and whether it is shown is remembered.
#pragma once

#include <QDockWidget>

namespace tsg {

class SessionsPage;

class SessionsDock : public QDockWidget {
    Q_OBJECT
public:
    // Takes `page` into the dock (reparented).
    SessionsDock(SessionsPage *page, QWidget *parent = nullptr);

    SessionsPage *page() const { return m_page; }
    // Shows the dock, raised, with the keyboard on the list of sessions.
    void showAndFocus();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    SessionsPage *m_page;
};

} // namespace tsg
