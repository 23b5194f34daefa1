// Edits tsgSettings, sessionSettings and TSG Desk's own settings (port, listen address,
// notifications, start with the session); saved to config.json through the library.
#pragma once

#include "settings.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QSpinBox;
class QLabel;

namespace tsg {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const Config &config, QWidget *parent = nullptr);
    // Writes the dialog's values into `config` (keys the dialog does not show are left alone).
    void apply(Config &config) const;
    // Empty when the values are valid, else what is wrong.
    QString problem() const;

private:
    QSpinBox *m_tsgMax, *m_cleanupAge, *m_sessionMax, *m_sessionTimeout, *m_maxFiles, *m_port;
    QLineEdit *m_types, *m_listen;
    QCheckBox *m_autoCleanup, *m_notifyUploads, *m_notifyCleanup, *m_autostart;
    QLabel *m_problem;
};

} // namespace tsg
