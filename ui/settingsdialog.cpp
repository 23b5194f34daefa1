#include "settingsdialog.h"

#include "desktopservices.h"
#include "durationedit.h"
#include "filetypesedit.h"
#include "openfailure.h"
#include "problemlabel.h"
#include "sizeedit.h"

#include "autostart.h"
#include "codexconfig.h"
#include "datafolder.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace tsg {

namespace {

QSpinBox *spin(QWidget *parent, int min, int max, int value, const QString &suffix, const char *name)
{
    auto *s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setValue(value);
    s->setSuffix(suffix);
    s->setObjectName(QString::fromLatin1(name));
    s->setMinimumWidth(130);
    s->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // numbers need no full-width field
    return s;
}

// One label column for all three groups, so the fields line up down the dialog.
void addRow(QFormLayout *form, const QString &text, QWidget *field)
{
    auto *label = new QLabel(text, form->parentWidget());
    label->setMinimumWidth(190);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    label->setBuddy(field);
    form->addRow(label, field);
}

QFormLayout *formIn(QWidget *box)
{
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

template <typename W>
W *named(W *w, const char *name)
{
    w->setObjectName(QString::fromLatin1(name));
    return w;
}

} // namespace

SettingsDialog::SettingsDialog(Library &library, QWidget *parent)
    : QDialog(parent), m_library(library), m_program(QCoreApplication::applicationFilePath())
{
    const Config c = library.config();
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("TSG Desk settings"));
    auto *layout = new QVBoxLayout(this);

    // Where all of it lives: the TSGs, the sessions, the trash and config.json.
    auto *folderRow = new QHBoxLayout;
    auto *folderLabel = new QLabel(tr("Data folder:"), this);
    auto *folder = new QLabel(QDir::toNativeSeparators(library.folder().root()), this);
    folder->setObjectName(QStringLiteral("dataFolder"));
    folder->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    folder->setAccessibleName(tr("Data folder"));
    folderLabel->setBuddy(folder);
    m_openDataFolder = new QPushButton(tr("Open"), this);
    m_openDataFolder->setObjectName(QStringLiteral("openDataFolder"));
    m_openDataFolder->setToolTip(tr("Show the data folder in the file manager"));
    m_openDataFolder->setAccessibleName(tr("Open the data folder"));
    m_openDataFolder->setEnabled(false);
    connect(m_openDataFolder, &QPushButton::clicked, this, [this] {
        if (m_desktop)
            OpenFailure::openFolder(this, *m_desktop, m_library.folder().root());
    });
    folderRow->addWidget(folderLabel);
    folderRow->addWidget(folder, 1);
    folderRow->addWidget(m_openDataFolder);
    layout->addLayout(folderRow);

    auto *tsgBox = new QGroupBox(tr("Troubleshooting guides"), this);
    auto *tsgForm = formIn(tsgBox);
    m_tsgMax = named(new SizeEdit(1, kMaxUploadSizeMib, c.tsg.maxUploadSize, tsgBox), "tsgMaxUpload");
    m_types = named(new FileTypesEdit(c.tsg.allowedFileTypes, tsgBox), "allowedTypes");
    m_autoCleanup = new QCheckBox(tr("Remove deleted TSGs and abandoned uploads automatically"), tsgBox);
    m_autoCleanup->setObjectName(QStringLiteral("autoCleanup"));
    m_autoCleanup->setChecked(c.tsg.autoCleanupEnabled);
    m_cleanupAge = named(new DurationEdit(1, 87600, c.tsg.cleanupAgeHours, tsgBox), "cleanupAge");
    connect(m_autoCleanup, &QCheckBox::toggled, m_cleanupAge, &QWidget::setEnabled);
    m_cleanupAge->setEnabled(c.tsg.autoCleanupEnabled);
    addRow(tsgForm, tr("Largest upload:"), m_tsgMax);
    addRow(tsgForm, tr("Allowed file types:"), m_types);
    addRow(tsgForm, QString(), m_autoCleanup);
    addRow(tsgForm, tr("Keep deleted items for:"), m_cleanupAge);
    layout->addWidget(tsgBox);

    auto *sessionBox = new QGroupBox(tr("Sessions"), this);
    auto *sessionForm = formIn(sessionBox);
    m_sessionMax = named(new SizeEdit(1, kMaxUploadSizeMib, c.session.maxUploadSize, sessionBox), "sessionMaxUpload");
    m_sessionTimeout = named(new DurationEdit(1, 87600, c.session.sessionTimeout, sessionBox), "sessionTimeout");
    m_maxFiles = spin(sessionBox, 1, 100000, c.session.maxFilesPerSession, QString(), "maxFiles");
    addRow(sessionForm, tr("Largest upload:"), m_sessionMax);
    addRow(sessionForm, tr("Remove idle sessions after:"), m_sessionTimeout);
    addRow(sessionForm, tr("Files per session:"), m_maxFiles);
    layout->addWidget(sessionBox);

    auto *uploadsBox = new QGroupBox(tr("Resumable uploads (browser and agents)"), this);
    auto *uploadsForm = formIn(uploadsBox);
    m_uploadExpiry = named(new DurationEdit(1, 8760, c.desk.uploadExpiryHours, uploadsBox), "uploadExpiry");
    m_uploadExpiry->setToolTip(tr("Cleanup removes an unfinished upload that has received nothing for this long"));
    m_maxOpenUploads = spin(uploadsBox, 1, 1000, c.desk.maxOpenUploads, QString(), "maxOpenUploads");
    m_maxStaged = named(new SizeEdit(1, 1048576, c.desk.maxStagedMb, uploadsBox), "maxStaged");
    m_maxStaged->setToolTip(tr("Bytes all unfinished uploads may hold on disk together"));
    addRow(uploadsForm, tr("Keep unfinished uploads for:"), m_uploadExpiry);
    addRow(uploadsForm, tr("Unfinished uploads at most:"), m_maxOpenUploads);
    addRow(uploadsForm, tr("Space they may use:"), m_maxStaged);
    layout->addWidget(uploadsBox);

    auto *serverBox = new QGroupBox(tr("Server and desktop"), this);
    auto *serverForm = formIn(serverBox);
    m_listen = new QLineEdit(c.desk.listenAddress, serverBox);
    m_listen->setObjectName(QStringLiteral("listen"));
    m_listen->setToolTip(tr("127.0.0.1 keeps the server on this computer. Any other address is reachable from "
                            "other machines (the token is still required)."));
    m_port = spin(serverBox, 0, 65535, c.desk.port, QString(), "port");
    m_port->setSpecialValueText(tr("any free port"));
    auto *restartNote = new QLabel(tr("Address and port take effect the next time TSG Desk starts."), serverBox);
    restartNote->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    restartNote->setWordWrap(true);
    m_notifyUploads = new QCheckBox(tr("Notify when a browser or agent uploads files"), serverBox);
    m_notifyUploads->setObjectName(QStringLiteral("notifyUploads"));
    m_notifyUploads->setChecked(c.desk.notifyUploads);
    m_notifyCleanup = new QCheckBox(tr("Notify when cleanup removes something"), serverBox);
    m_notifyCleanup->setObjectName(QStringLiteral("notifyCleanup"));
    m_notifyCleanup->setChecked(c.desk.notifyCleanup);
    m_autostart = new QCheckBox(tr("Start with my session (in the tray)"), serverBox);
    m_autostart->setObjectName(QStringLiteral("autostart"));
    m_autostart->setChecked(c.desk.startWithSession);
    addRow(serverForm, tr("Listen address:"), m_listen);
    addRow(serverForm, tr("Port:"), m_port);
    addRow(serverForm, QString(), restartNote);
    addRow(serverForm, QString(), m_notifyUploads);
    addRow(serverForm, QString(), m_notifyCleanup);
    addRow(serverForm, QString(), m_autostart);
    layout->addWidget(serverBox);

    auto *codexBox = new QGroupBox(tr("Codex"), this);
    auto *codexForm = formIn(codexBox);
    m_codexState = new QLabel(codexBox);
    m_codexState->setObjectName(QStringLiteral("codexState"));
    m_codexState->setWordWrap(true);
    m_codexState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_codexProblem = new ProblemLabel(codexBox);
    m_codexProblem->setObjectName(QStringLiteral("codexProblem"));
    m_codexProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_codexConnect = new QPushButton(tr("Connect to codex"), codexBox);
    m_codexConnect->setObjectName(QStringLiteral("codexConnect"));
    m_codexConnect->setToolTip(tr("Adds TSG Desk's MCP server to codex's config.toml, as `tsgdesk mcp "
                                  "--install-codex` does; the rest of the file stays as it is"));
    m_codexDisconnect = new QPushButton(tr("Disconnect"), codexBox);
    m_codexDisconnect->setObjectName(QStringLiteral("codexDisconnect"));
    m_codexDisconnect->setToolTip(tr("Removes TSG Desk's MCP server from codex's config.toml"));
    auto *codexButtons = new QWidget(codexBox);
    auto *codexRow = new QHBoxLayout(codexButtons);
    codexRow->setContentsMargins(0, 0, 0, 0);
    codexRow->addWidget(m_codexConnect);
    codexRow->addWidget(m_codexDisconnect);
    codexRow->addStretch();
    // The state and, under it, what keeps it from being read: one field, so that no empty row shows between.
    auto *codexStatus = new QWidget(codexBox);
    auto *codexStatusColumn = new QVBoxLayout(codexStatus);
    codexStatusColumn->setContentsMargins(0, 0, 0, 0);
    codexStatusColumn->addWidget(m_codexState);
    codexStatusColumn->addWidget(m_codexProblem);
    addRow(codexForm, tr("Agents (MCP):"), codexStatus);
    addRow(codexForm, QString(), codexButtons);
    layout->addWidget(codexBox);
    connect(m_codexConnect, &QPushButton::clicked, this, [this] { editCodex(true); });
    connect(m_codexDisconnect, &QPushButton::clicked, this, [this] { editCodex(false); });
    checkCodex();

    m_problem = new ProblemLabel(this);
    layout->addWidget(m_problem);
    if (const QStringList warnings = library.configWarnings(); !warnings.isEmpty()) {
        auto *w =
            new QLabel(tr("config.json had problems; these settings use their defaults:\n%1").arg(warnings.join(u'\n')),
                       this);
        w->setWordWrap(true);
        w->setStyleSheet(QStringLiteral("color: #8a5a00;"));
        layout->addWidget(w);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    setMinimumWidth(640);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Checked as the user types: the message says what is wrong, Save waits until it is fixed.
    const auto check = [this] {
        const QString p = problem();
        m_problem->showProblem(p);
        m_save->setEnabled(p.isEmpty() && !m_saving);
    };
    connect(m_listen, &QLineEdit::textChanged, this, check);
    connect(m_types, &FileTypesEdit::changed, this, check);
    connect(m_types, &FileTypesEdit::problemChanged, this, check);
}

QString SettingsDialog::shownProblem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

QString SettingsDialog::problem() const
{
    const QString listen = m_listen->text().trimmed();
    if (listen.isEmpty())
        return tr("Enter the address to listen on, such as 127.0.0.1");
    if (QHostAddress(listen).isNull() && listen != u"localhost")
        return tr("'%1' is not an IP address: use one such as 127.0.0.1, ::1 or 0.0.0.0").arg(listen);
    if (!m_types->problem().isEmpty())
        return m_types->problem();
    if (m_types->types().isEmpty())
        return tr("Allow at least one file type, such as .md");
    return {};
}

void SettingsDialog::apply(Config &c) const
{
    c.tsg.maxUploadSize = m_tsgMax->mebibytes();
    c.tsg.allowedFileTypes = m_types->types();
    c.tsg.autoCleanupEnabled = m_autoCleanup->isChecked();
    c.tsg.cleanupAgeHours = m_cleanupAge->hours();
    c.session.maxUploadSize = m_sessionMax->mebibytes();
    c.session.sessionTimeout = m_sessionTimeout->hours();
    c.session.maxFilesPerSession = m_maxFiles->value();
    c.desk.uploadExpiryHours = m_uploadExpiry->hours();
    c.desk.maxOpenUploads = m_maxOpenUploads->value();
    c.desk.maxStagedMb = m_maxStaged->mebibytes();
    c.desk.listenAddress = m_listen->text().trimmed();
    c.desk.port = m_port->value();
    c.desk.notifyUploads = m_notifyUploads->isChecked();
    c.desk.notifyCleanup = m_notifyCleanup->isChecked();
    c.desk.startWithSession = m_autostart->isChecked();
}

void SettingsDialog::setDesktopServices(DesktopServices *desktop)
{
    m_desktop = desktop;
    m_openDataFolder->setEnabled(desktop != nullptr);
}

void SettingsDialog::save()
{
    if (m_saving)
        return;
    if (const QString p = problem(); !p.isEmpty()) {
        m_problem->showProblem(p);
        return;
    }
    m_saving = true;
    m_save->setEnabled(false);
    const bool autostartWanted = m_autostart->isChecked();
    const bool autostartChanged = autostartWanted != m_library.config().desk.startWithSession;
    const QString program = m_program;
    const QString root = m_library.folder().root();
    const QString dataDir = root == DataFolder::resolve() ? QString() : root;
    // Only what the dialog shows changes: the active TSG and keys it does not show are kept as they
    // are on disk at the moment of writing.
    SettingsDialog *self = this;
    Config values;
    apply(values);
    m_library
        .updateConfig([values](Config &c) {
            c.tsg = values.tsg;
            c.session = values.session;
            c.desk.uploadExpiryHours = values.desk.uploadExpiryHours;
            c.desk.maxOpenUploads = values.desk.maxOpenUploads;
            c.desk.maxStagedMb = values.desk.maxStagedMb;
            c.desk.listenAddress = values.desk.listenAddress;
            c.desk.port = values.desk.port;
            c.desk.notifyUploads = values.desk.notifyUploads;
            c.desk.notifyCleanup = values.desk.notifyCleanup;
            c.desk.startWithSession = values.desk.startWithSession;
        })
        .then([autostartChanged, autostartWanted, program, dataDir](const Result<Config> &saved) -> QString {
            if (!saved.ok())
                return saved.error().message;
            if (autostartChanged) // still on the worker: the entry is a file in ~/.config/autostart
                if (const Status s = AutostartEntry::setEnabled(autostartWanted, program, dataDir); !s.ok())
                    return QCoreApplication::translate("SettingsDialog", "Settings saved, but the autostart entry: %1")
                        .arg(s.error().message);
            return {};
        })
        .then(self, [self](const QString &error) {
            self->m_saving = false;
            self->m_save->setEnabled(true);
            if (error.isEmpty()) {
                self->accept();
                return;
            }
            self->m_problem->showProblem(error);
        });
}

void SettingsDialog::checkCodex()
{
    const CodexConfig config(DataFolder::resolve());
    m_codexConnect->setEnabled(false);
    m_codexDisconnect->setEnabled(false);
    m_codexState->setText(tr("Looking at %1…").arg(config.file()));
    auto *watcher = new QFutureWatcher<Result<bool>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        showCodexState(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([config] { return config.installed(); }));
}

void SettingsDialog::editCodex(bool connect)
{
    const CodexConfig config(DataFolder::resolve());
    // The same table as `tsgdesk mcp --install-codex` run with this library's --data-dir.
    const CodexConfig::Server server = CodexConfig::serverFor(m_program, m_library.folder().root());
    m_codexConnect->setEnabled(false);
    m_codexDisconnect->setEnabled(false);
    auto *watcher = new QFutureWatcher<Result<CodexConfig::Change>>(this);
    QObject::connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, connect] {
        watcher->deleteLater();
        const Result<CodexConfig::Change> changed = watcher->result();
        if (!changed.ok()) {
            showCodexState(changed.error());
            return;
        }
        QString done;
        switch (changed.value()) {
        case CodexConfig::Change::Added: done = tr("Connected: codex starts it in its next session."); break;
        case CodexConfig::Change::Replaced: done = tr("Updated: codex starts this program in its next session."); break;
        case CodexConfig::Change::Removed: done = tr("Disconnected: codex no longer starts it."); break;
        case CodexConfig::Change::Unchanged:
            done = connect ? tr("It was already connected.") : tr("It was not connected.");
            break;
        }
        showCodexState(connect, done);
    });
    watcher->setFuture(
        QtConcurrent::run([config, server, connect] { return connect ? config.install(server) : config.uninstall(); }));
}

void SettingsDialog::showCodexState(const Result<bool> &connected, const QString &done)
{
    const QString file = CodexConfig(DataFolder::resolve()).file();
    if (!connected.ok()) {
        // A broken config.toml is never written: say where it is broken and let the user fix it and try again.
        m_codexState->setText(tr("Cannot tell whether codex uses TSG Desk."));
        m_codexProblem->showProblem(
            tr("%1\nThe file is left as it is: fix it, then try again.").arg(connected.error().message));
        m_codexConnect->setEnabled(true);
        m_codexDisconnect->setEnabled(true);
        return;
    }
    m_codexProblem->showProblem({});
    const QString state = connected.value()
        ? tr("Connected: %1 has [mcp_servers.tsgdesk], so codex can search and read the "
             "library.")
              .arg(file)
        : tr("Not connected: %1 has no [mcp_servers.tsgdesk].").arg(file);
    m_codexState->setText(done.isEmpty() ? state : done + u' ' + state);
    m_codexConnect->setEnabled(!connected.value());
    m_codexDisconnect->setEnabled(connected.value());
}

} // namespace tsg
