// Edits tsgSettings, sessionSettings and TSG Desk's own settings (resumable upload limits, listen
// address, port, notifications, start with the session). Checked inline before saving; saved to
// config.json through the library (off the GUI thread), and "Start with my session" writes or removes
// the XDG autostart entry. "Connect to codex" adds or removes the [mcp_servers.tsgdesk] table of
// $CODEX_HOME/config.toml, as `tsgdesk mcp --install-codex` / `--uninstall-codex` do, and shows whether it is there.
#pragma once

#include "library.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace tsg {

class ProblemLabel;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(Library &library, QWidget *parent = nullptr);

    // Writes the dialog's values into `config` (keys the dialog does not show are left alone).
    void apply(Config &config) const;
    // Empty when the values are valid, else what is wrong (the first problem).
    QString problem() const;
    QPushButton *saveButton() const { return m_save; }
    QString shownProblem() const;

    // Where the autostart entry's and codex's commands point (tests use a fake program).
    void setProgram(const QString &program) { m_program = program; }

private:
    void save();
    void checkCodex();
    void editCodex(bool connect);
    void showCodexState(const Result<bool> &connected, const QString &done = {});

    Library &m_library;
    QString m_program;
    QSpinBox *m_tsgMax, *m_cleanupAge, *m_sessionMax, *m_sessionTimeout, *m_maxFiles, *m_port;
    QSpinBox *m_uploadExpiry, *m_maxOpenUploads, *m_maxStaged;
    QLineEdit *m_types, *m_listen;
    QCheckBox *m_autoCleanup, *m_notifyUploads, *m_notifyCleanup, *m_autostart;
    ProblemLabel *m_problem;
    QPushButton *m_save;
    QLabel *m_codexState;
    ProblemLabel *m_codexProblem;
    QPushButton *m_codexConnect, *m_codexDisconnect;
    bool m_saving = false;
};

} // namespace tsg
