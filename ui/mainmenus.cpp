#include "mainmenus.h"

#include "datafolder.h"
#include "library.h"
#include "openfailure.h"
#include "serverstatuspanel.h"
#include "sessionsdock.h"

#include <QAbstractItemView>
#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

namespace tsg {

namespace {

// A window of the Help menu: one at a time, closed with Escape or Close, gone when closed.
QDialog *helpWindow(QWidget *parent, const char *name, const QString &title)
{
    if (auto *open = parent->findChild<QDialog *>(QString::fromLatin1(name))) {
        open->raise();
        open->activateWindow();
        return nullptr;
    }
    auto *d = new QDialog(parent);
    d->setObjectName(QString::fromLatin1(name));
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setWindowTitle(title);
    return d;
}

void addCloseButton(QDialog *d, QVBoxLayout *layout)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, d);
    QObject::connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::close);
    layout->addWidget(buttons);
}

QString plain(QString text)
{
    return text.remove(u'&').remove(QStringLiteral("…"));
}

} // namespace

MainMenus::MainMenus(QMainWindow &window, Library &library, Hooks hooks)
    : QObject(&window), m_window(window), m_library(library), m_hooks(std::move(hooks))
{
    setObjectName(QStringLiteral("mainMenus"));
    QMenuBar *bar = window.menuBar();
    const auto existing = [&window](const char *name) {
        return window.findChild<QAction *>(QString::fromLatin1(name), Qt::FindDirectChildrenOnly);
    };
    const auto add = [](QMenu *menu, QAction *a) {
        if (a)
            menu->addAction(a);
    };

    QMenu *file = bar->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("menuFile"));
    add(file, existing("newTsg"));
    add(file, existing("addFiles"));
    add(file, existing("addFolder"));
    file->addSeparator();
    QAction *dataFolder = make("openDataFolder", tr("Open &data folder"), {},
                               tr("Show the data folder (TSGs, sessions, trash, config.json) in the file manager"));
    connect(dataFolder, &QAction::triggered, this, [this] {
        if (DesktopServices *desktop = m_hooks.desktop ? m_hooks.desktop() : nullptr)
            OpenFailure::openFolder(&m_window, *desktop, m_library.folder().root());
    });
    file->addAction(dataFolder);
    add(file, existing("restoreTsg"));
    file->addSeparator();
    QAction *quit = make("quit", tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q),
                         tr("Stop the server and quit (closing the window keeps it in the tray)"));
    connect(quit, &QAction::triggered, this, [this] {
        if (m_hooks.quit)
            m_hooks.quit();
    });
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("menuEdit"));
    add(edit, existing("renameTsg"));
    add(edit, existing("deleteTsg"));
    edit->addSeparator();
    add(edit, existing("setActive"));
    add(edit, existing("clearActive"));
    add(edit, existing("openFolder"));
    edit->addSeparator();
    add(edit, existing("search"));
    edit->addSeparator();
    add(edit, existing("settings"));

    QMenu *view = bar->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menuView"));
    QAction *list = make("showTsgList", tr("TSG &list"), QKeySequence(Qt::ALT | Qt::Key_1),
                         tr("Move the keyboard focus to the list of TSGs"));
    connect(list, &QAction::triggered, this, [this] { focus("tsgList"); });
    QAction *files = make("showFiles", tr("&Files"), QKeySequence(Qt::ALT | Qt::Key_2),
                          tr("Show the selected TSG's files and move the focus there"));
    connect(files, &QAction::triggered, this, [this] {
        if (auto *tabs = m_window.findChild<QTabWidget *>(QStringLiteral("tabs")))
            tabs->setCurrentIndex(0);
        focus("fileTree");
    });
    QAction *sessions = make("showSessions", tr("&Sessions"), QKeySequence(Qt::ALT | Qt::Key_3),
                             tr("Show the sessions of browsers and agents"));
    connect(sessions, &QAction::triggered, this, [this] {
        if (auto *dock = m_window.findChild<SessionsDock *>())
            dock->showAndFocus();
    });
    view->addActions({list, files, sessions});
    view->addSeparator();
    if (auto *toolbar = window.findChild<QToolBar *>(QStringLiteral("toolbar"))) {
        QAction *toggle = toolbar->toggleViewAction();
        toggle->setText(tr("&Toolbar"));
        toggle->setObjectName(QStringLiteral("showToolbar"));
        view->addAction(toggle);
    }

    QMenu *server = bar->addMenu(tr("&Server"));
    server->setObjectName(QStringLiteral("menuServer"));
    QAction *copyUrl =
        make("copyBrowserUrl", tr("&Copy browser URL"), {},
             tr("Copy the WebSocket URL with its access token, for a browser UI or a client of docs/PROTOCOL.md"));
    connect(copyUrl, &QAction::triggered, this, [this] { serverPanel()->copyUrl(); });
    QAction *newToken =
        make("newToken", tr("&New token…"), {}, tr("Issue a new access token; URLs with the old one stop working"));
    connect(newToken, &QAction::triggered, this, [this] { serverPanel()->regenerateToken(); });
    QAction *browser = make("openBrowser", tr("&Open in browser"), {},
                            tr("Open the browser UI in your web browser, signed in with the access token"));
    connect(browser, &QAction::triggered, this, [this] { serverPanel()->openInBrowser(); });
    QAction *mcpUrl = make("copyMcpEndpoint", tr("Copy &MCP URL"), {},
                           tr("Copy the MCP endpoint, for an agent that connects by URL with the access token"));
    connect(mcpUrl, &QAction::triggered, this, [this] { serverPanel()->copyMcpUrl(); });
    QAction *token = make("copyAccessToken", tr("Copy &token"), {},
                          tr("Copy the access token, for an agent's Authorization: Bearer header"));
    connect(token, &QAction::triggered, this, [this] { serverPanel()->copyToken(); });
    for (QAction *a : {copyUrl, newToken, browser, mcpUrl, token})
        a->setEnabled(m_hooks.serverRunning && serverPanel());
    server->addActions({copyUrl, newToken, browser});
    server->addSeparator(); // what an agent that connects by URL needs
    server->addActions({mcpUrl, token});

    QMenu *help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QAction *keys =
        make("shortcuts", tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), tr("Every shortcut of the window"));
    connect(keys, &QAction::triggered, this, &MainMenus::showShortcuts);
    QAction *protocol =
        make("protocolDocumentation", tr("&Protocol documentation"), {},
             tr("The WebSocket protocol that browsers and agents use, with an example of every message"));
    connect(protocol, &QAction::triggered, this, &MainMenus::showProtocol);
    QAction *about = make("about", tr("&About TSG Desk"), {}, tr("Version, Qt version and license"));
    connect(about, &QAction::triggered, this, &MainMenus::showAbout);
    help->addActions({keys, protocol});
    help->addSeparator();
    help->addAction(about);
}

void MainMenus::focus(const char *objectName)
{
    if (auto *w = m_window.findChild<QWidget *>(QString::fromLatin1(objectName)))
        w->setFocus(Qt::ShortcutFocusReason);
}

ServerStatusPanel *MainMenus::serverPanel() const
{
    return m_window.findChild<ServerStatusPanel *>();
}

QAction *MainMenus::make(const char *name, const QString &text, const QKeySequence &key, const QString &tip)
{
    auto *a = new QAction(text, &m_window); // the window's, so that the shortcut works and action() finds it
    a->setObjectName(QString::fromLatin1(name));
    if (!key.isEmpty())
        a->setShortcut(key);
    a->setToolTip(tip);
    a->setStatusTip(tip);
    m_window.addAction(a);
    return a;
}

void MainMenus::showShortcuts()
{
    QDialog *d = helpWindow(&m_window, "shortcutsDialog", tr("Keyboard shortcuts"));
    if (!d)
        return;
    auto *layout = new QVBoxLayout(d);
    auto *table = new QTableWidget(0, 2, d);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setAccessibleName(tr("Keyboard shortcuts"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    QStringList seen;
    const auto row = [&](const QString &what, const QString &keys) {
        if (seen.contains(what + keys))
            return;
        seen << what + keys;
        const int r = table->rowCount();
        table->insertRow(r);
        table->setItem(r, 0, new QTableWidgetItem(what));
        table->setItem(r, 1, new QTableWidgetItem(keys));
    };
    for (const QAction *a : m_window.findChildren<QAction *>()) {
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            row(plain(a->text()), keys.join(tr(" or ")));
    }
    // Keys the views handle themselves.
    row(tr("Set the TSG active"), tr("Double click on the TSG"));
    row(tr("Open the selected file"), tr("Enter, or double click"));
    row(tr("Menus"), tr("Alt, or F10"));
    row(tr("Context menu"), tr("Menu key, or Shift+F10"));
    table->sortItems(0);
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnToContents(0);
    layout->addWidget(table);
    addCloseButton(d, layout);
    d->resize(520, 560);
    d->show();
}

void MainMenus::showProtocol()
{
    QDialog *d = helpWindow(&m_window, "protocolDialog", tr("TSG Desk protocol"));
    if (!d)
        return;
    auto *layout = new QVBoxLayout(d);
    auto *text = new QTextBrowser(d);
    text->setObjectName(QStringLiteral("protocolText"));
    text->setAccessibleName(tr("Protocol documentation"));
    text->setOpenExternalLinks(true);
    QFile doc(QStringLiteral(":/docs/PROTOCOL.md")); // docs/PROTOCOL.md, compiled in
    if (doc.open(QIODevice::ReadOnly))
        text->setMarkdown(QString::fromUtf8(doc.readAll()));
    layout->addWidget(text);
    addCloseButton(d, layout);
    d->resize(900, 700);
    d->show();
}

QString MainMenus::aboutText()
{
    return tr("<h3>TSG Desk %1</h3>"
              "<p>Troubleshooting guides on your desktop, served to browsers and agents.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>"
              "<p>Released under the MIT License.</p>")
        .arg(QStringLiteral(TSGDESK_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void MainMenus::showAbout()
{
    QDialog *d = helpWindow(&m_window, "aboutDialog", tr("About TSG Desk"));
    if (!d)
        return;
    auto *layout = new QVBoxLayout(d);
    auto *text = new QLabel(aboutText(), d);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setWordWrap(true);
    layout->addWidget(text);
    addCloseButton(d, layout);
    d->show();
}

} // namespace tsg
