#include "settingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tsg {

namespace {
QSpinBox *spin(QWidget *parent, int min, int max, int value, const QString &suffix, const char *name)
{
    auto *s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setValue(value);
    s->setSuffix(suffix);
    s->setObjectName(QString::fromLatin1(name));
    return s;
}
} // namespace

SettingsDialog::SettingsDialog(const Config &c, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("TSG Desk settings"));
    auto *layout = new QVBoxLayout(this);

    auto *tsgBox = new QGroupBox(tr("Troubleshooting guides"), this);
    auto *tsgForm = new QFormLayout(tsgBox);
    m_tsgMax = spin(tsgBox, 1, 102400, c.tsg.maxUploadSize, tr(" MB"), "tsgMaxUpload");
    m_types = new QLineEdit(c.tsg.allowedFileTypes.join(QStringLiteral(", ")), tsgBox);
    m_types->setObjectName(QStringLiteral("allowedTypes"));
    m_autoCleanup = new QCheckBox(tr("Purge the trash and abandoned uploads automatically"), tsgBox);
    m_autoCleanup->setChecked(c.tsg.autoCleanupEnabled);
    m_cleanupAge = spin(tsgBox, 1, 87600, c.tsg.cleanupAgeHours, tr(" hours"), "cleanupAge");
    tsgForm->addRow(tr("Largest upload:"), m_tsgMax);
    tsgForm->addRow(tr("Allowed file types:"), m_types);
    tsgForm->addRow(m_autoCleanup);
    tsgForm->addRow(tr("Keep deleted items for:"), m_cleanupAge);
    layout->addWidget(tsgBox);

    auto *sessionBox = new QGroupBox(tr("Sessions"), this);
    auto *sessionForm = new QFormLayout(sessionBox);
    m_sessionMax = spin(sessionBox, 1, 102400, c.session.maxUploadSize, tr(" MB"), "sessionMaxUpload");
    m_sessionTimeout = spin(sessionBox, 1, 87600, c.session.sessionTimeout, tr(" hours"), "sessionTimeout");
    m_maxFiles = spin(sessionBox, 1, 100000, c.session.maxFilesPerSession, QString(), "maxFiles");
    sessionForm->addRow(tr("Largest upload:"), m_sessionMax);
    sessionForm->addRow(tr("Remove idle sessions after:"), m_sessionTimeout);
    sessionForm->addRow(tr("Files per session:"), m_maxFiles);
    layout->addWidget(sessionBox);

    auto *serverBox = new QGroupBox(tr("Server and desktop"), this);
    auto *serverForm = new QFormLayout(serverBox);
    m_listen = new QLineEdit(c.desk.listenAddress, serverBox);
    m_listen->setObjectName(QStringLiteral("listen"));
    m_port = spin(serverBox, 0, 65535, c.desk.port, QString(), "port");
    m_notifyUploads = new QCheckBox(tr("Notify when a browser or agent uploads files"), serverBox);
    m_notifyUploads->setChecked(c.desk.notifyUploads);
    m_notifyCleanup = new QCheckBox(tr("Notify when cleanup removes something"), serverBox);
    m_notifyCleanup->setChecked(c.desk.notifyCleanup);
    m_autostart = new QCheckBox(tr("Start with my session (in the tray)"), serverBox);
    m_autostart->setObjectName(QStringLiteral("autostart"));
    m_autostart->setChecked(c.desk.startWithSession);
    serverForm->addRow(tr("Listen address:"), m_listen);
    serverForm->addRow(tr("Port (takes effect at restart):"), m_port);
    serverForm->addRow(m_notifyUploads);
    serverForm->addRow(m_notifyCleanup);
    serverForm->addRow(m_autostart);
    layout->addWidget(serverBox);

    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_problem->setText(problem());
        if (m_problem->text().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString SettingsDialog::problem() const
{
    if (QHostAddress(m_listen->text().trimmed()).isNull() && m_listen->text().trimmed() != u"localhost")
        return tr("The listen address must be an IP address such as 127.0.0.1");
    for (const QString &t : m_types->text().split(u',', Qt::SkipEmptyParts))
        if (!t.trimmed().startsWith(u'.') || t.trimmed().size() < 2)
            return tr("File types are extensions such as .md, separated by commas ('%1' is not)").arg(t.trimmed());
    if (m_types->text().trimmed().isEmpty())
        return tr("Allow at least one file type");
    return {};
}

void SettingsDialog::apply(Config &c) const
{
    c.tsg.maxUploadSize = m_tsgMax->value();
    QStringList types;
    for (const QString &t : m_types->text().split(u',', Qt::SkipEmptyParts))
        types << t.trimmed().toLower();
    c.tsg.allowedFileTypes = types;
    c.tsg.autoCleanupEnabled = m_autoCleanup->isChecked();
    c.tsg.cleanupAgeHours = m_cleanupAge->value();
    c.session.maxUploadSize = m_sessionMax->value();
    c.session.sessionTimeout = m_sessionTimeout->value();
    c.session.maxFilesPerSession = m_maxFiles->value();
    c.desk.listenAddress = m_listen->text().trimmed();
    c.desk.port = m_port->value();
    c.desk.notifyUploads = m_notifyUploads->isChecked();
    c.desk.notifyCleanup = m_notifyCleanup->isChecked();
    c.desk.startWithSession = m_autostart->isChecked();
}

} // namespace tsg
