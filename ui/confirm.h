// The default answer to the window's yes/no questions (delete a TSG or a session, a new token): a
// Yes/Cancel message box, Cancel the default. The parts keep it in their `confirm` member, which
// tests replace to answer without a dialog.
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace tsg {

// Asks over `parent`; true when the user answers Yes.
std::function<bool(const QString &title, const QString &text)> yesCancelConfirm(QWidget *parent);

} // namespace tsg
