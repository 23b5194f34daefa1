// Edits tsgSettings, sessionSettings and TSG Desk's own settings (sizes in MiB or GiB, durations in days and
// hours, the allowed types as a list), shows the data folder and opens it, (resumable upload limits, listen
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

class DesktopServices;
class DurationEdit;
class FileTypesEdit;
class ProblemLabel;
class SizeEdit;

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
    // Where "Open" beside the data folder opens it (the window's desktop; not owned). Without one it is disabled.
    void setDesktopServices(DesktopServices *desktop);

private:
    void save();
    void checkCodex();
    void editCodex(bool connect);
    void showCodexState(const Result<bool> &connected, const QString &done = {});

    Library &m_library;
    QString m_program;
    SizeEdit *m_tsgMax, *m_sessionMax, *m_maxStaged;
    DurationEdit *m_cleanupAge, *m_sessionTimeout, *m_uploadExpiry;
    QSpinBox *m_maxFiles, *m_port, *m_maxOpenUploads;
    FileTypesEdit *m_types;
    QLineEdit *m_listen;
    QPushButton *m_openDataFolder;
    DesktopServices *m_desktop = nullptr;
    QCheckBox *m_autoCleanup, *m_notifyUploads, *m_notifyCleanup, *m_autostart;
    ProblemLabel *m_problem;
    QPushButton *m_save;
    QLabel *m_codexState;
    ProblemLabel *m_codexProblem;
    QPushButton *m_codexConnect, *m_codexDisconnect;
    bool m_saving = false;
};

} // namespace tsg
