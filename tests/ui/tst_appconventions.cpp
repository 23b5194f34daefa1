// The window keeps the desktop's conventions (issue 16), checked offscreen: a menu bar with every action, F1 for
// help, About with the versions and the license; a title that says the active TSG and an unusual data folder;
// Settings shows the data folder and opens it; a click on "Files arrived" opens the TSG at the new files; the
// keyboard starts on the TSG list, and every control has an accessible name; a double click sets a TSG active.
#include "uitest.h"

#include "filetreemodel.h"
#include "filetreeview.h"
#include "mainmenus.h"
#include "sessionlistmodel.h"
#include "sessionsdock.h"
#include "settingsdialog.h"
#include "trayicon.h"
#include "tsglistmodel.h"

#include <QAccessible>
#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QWidgetAction>

using namespace testing;
using namespace tsg;

namespace {

QStringList menuTitles(QMenuBar *bar)
{
    QStringList titles;
    for (const QAction *a : bar->actions())
        titles << a->text().remove(u'&');
    return titles;
}

QMenu *menuNamed(MainWindow &w, const QString &title)
{
    for (QAction *a : w.menuBar()->actions())
        if (a->text().remove(u'&') == title)
            return a->menu();
    return nullptr;
}

// The menu's entries, as "Text|Shortcut".
QStringList entries(QMenu *menu)
{
    QStringList out;
    for (const QAction *a : menu->actions())
        if (!a->isSeparator())
            out << a->text().remove(u'&').remove(QStringLiteral("…")) + u'|'
                    + a->shortcut().toString(QKeySequence::PortableText);
    return out;
}

// Every control a user can act on (buttons, fields, lists, tabs...) under `iface` whose accessible name is empty.
void unnamedControls(QAccessibleInterface *iface, QStringList &out, const QString &path = {})
{
    static const QList<QAccessible::Role> interactive = {QAccessible::PushButton,     QAccessible::CheckBox,
                                                         QAccessible::RadioButton,    QAccessible::ComboBox,
                                                         QAccessible::SpinBox,        QAccessible::EditableText,
                                                         QAccessible::Slider,         QAccessible::List,
                                                         QAccessible::Table,          QAccessible::Tree,
                                                         QAccessible::PageTab,        QAccessible::ButtonMenu,
                                                         QAccessible::ButtonDropDown, QAccessible::MenuItem,
                                                         QAccessible::ScrollBar};
    if (!iface || iface->state().invisible)
        return;
    const QAccessible::Role role = iface->role();
    QObject *object = iface->object();
    const QString here = path + u'/'
        + (object ? QString::fromLatin1(object->metaObject()->className()) + u':' + object->objectName()
                  : QString::number(int(role)));
    if (interactive.contains(role) && role != QAccessible::ScrollBar
        && iface->text(QAccessible::Name).trimmed().isEmpty())
        out << here;
    if (role == QAccessible::List || role == QAccessible::Table || role == QAccessible::Tree
        || role == QAccessible::ScrollBar)
        return; // rows and cells are named by their data
    for (int i = 0; i < iface->childCount(); ++i)
        unnamedControls(iface->child(i), out, here);
}

QPoint rowCenter(QTableView *view, const QString &name)
{
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, TsgListModel::Name).data().toString() == name)
            return view->visualRect(view->model()->index(r, TsgListModel::Name)).center();
    return {};
}

} // namespace

class TestAppConventions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void menuBarHasEveryAction()
    {
        Window x;
        QCOMPARE(menuTitles(x.w.menuBar()),
                 (QStringList{u"File"_qs, u"Edit"_qs, u"View"_qs, u"Server"_qs, u"Help"_qs}));
        const QStringList file = entries(menuNamed(x.w, u"File"_qs));
        for (const QString &e : {u"New TSG|Ctrl+N"_qs, u"Add files|Ctrl+O"_qs, u"Add folder|Ctrl+Shift+O"_qs,
                                 u"Open data folder|"_qs, u"Quit|Ctrl+Q"_qs})
            QVERIFY2(file.contains(e), qPrintable(e + u" not in "_qs + file.join(u", "_qs)));
        const QStringList edit = entries(menuNamed(x.w, u"Edit"_qs));
        for (const QString &e : {u"Rename|F2"_qs, u"Delete|Del"_qs, u"Settings|Ctrl+,"_qs})
            QVERIFY2(edit.contains(e), qPrintable(e + u" not in "_qs + edit.join(u", "_qs)));
        QVERIFY(!entries(menuNamed(x.w, u"View"_qs)).isEmpty());
        const QStringList server = entries(menuNamed(x.w, u"Server"_qs));
        for (const QString &e : {u"Copy browser URL|"_qs, u"New token|"_qs, u"Open in browser|"_qs})
            QVERIFY2(server.contains(e), qPrintable(e + u" not in "_qs + server.join(u", "_qs)));
        const QStringList help = entries(menuNamed(x.w, u"Help"_qs));
        for (const QString &e : {u"Keyboard shortcuts|F1"_qs, u"Protocol documentation|"_qs, u"About TSG Desk|"_qs})
            QVERIFY2(help.contains(e), qPrintable(e + u" not in "_qs + help.join(u", "_qs)));

        // File › Open data folder shows the library's folder.
        x.w.action(u"openDataFolder"_qs)->trigger();
        QCOMPARE(x.desktop.opened, QStringList{x.t.root()});
    }

    // "Every action reachable by mouse is reachable by keyboard": each action of a toolbar is in the menu bar
    // (Alt opens it) or has a shortcut, and every button of the window either takes the focus from Tab or does
    // what an action of the menu bar does.
    void everyMouseActionIsReachableByKeyboard()
    {
        Window x;
        x.w.resize(1366, 768);
        x.w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&x.w));
        QSet<QAction *> inMenus;
        QStringList menuTexts;
        std::function<void(QMenu *)> walk = [&](QMenu *menu) {
            for (QAction *a : menu->actions()) {
                inMenus.insert(a);
                menuTexts << a->text().remove(u'&').remove(u"…"_qs).trimmed();
                if (a->menu())
                    walk(a->menu());
            }
        };
        for (QAction *top : x.w.menuBar()->actions())
            if (top->menu())
                walk(top->menu());
        QStringList unreachable;
        for (QToolBar *bar : x.w.findChildren<QToolBar *>())
            for (QAction *a : bar->actions())
                if (!a->isSeparator() && !qobject_cast<QWidgetAction *>(a) && !inMenus.contains(a)
                    && a->shortcut().isEmpty())
                    unreachable << u"toolbar: "_qs + a->text();
        for (QAbstractButton *b : x.w.findChildren<QAbstractButton *>()) {
            // Qt's own (a dock's float and close buttons: View › Sessions shows and hides the dock).
            if (!b->isVisibleTo(&x.w) || (b->focusPolicy() & Qt::TabFocus) || b->objectName().startsWith(u"qt_"))
                continue;
            const QString text = b->text().remove(u'&').remove(u"…"_qs).trimmed();
            if (auto *tool = qobject_cast<QToolButton *>(b); tool && tool->defaultAction()
                && (inMenus.contains(tool->defaultAction()) || !tool->defaultAction()->shortcut().isEmpty()))
                continue;
            if (!text.isEmpty() && menuTexts.contains(text))
                continue;
            unreachable << u"button: "_qs + (text.isEmpty() ? b->objectName() + b->toolTip() : text);
        }
        QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(u"; "_qs)));
    }

    void f1OpensTheShortcutsAndHelpSaysVersionsAndLicense()
    {
        Window x;
        QTest::keyClick(&x.w, Qt::Key_F1);
        QTRY_VERIFY(x.w.findChild<QDialog *>(u"shortcutsDialog"_qs));
        auto *table = x.w.findChild<QTableWidget *>(u"shortcutsTable"_qs);
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, 0)->text() + u'|' + table->item(r, 1)->text();
        for (const QString &e : {u"Quit|Ctrl+Q"_qs, u"New TSG|Ctrl+N"_qs, u"Keyboard shortcuts|F1"_qs})
            QVERIFY2(rows.contains(e), qPrintable(e + u" not in "_qs + rows.join(u", "_qs)));

        x.w.action(u"protocolDocumentation"_qs)->trigger();
        auto *protocol = x.w.findChild<QTextBrowser *>(u"protocolText"_qs);
        QVERIFY(protocol);
        QVERIFY(protocol->toPlainText().contains(u"tsg:upload"));

        x.w.action(u"about"_qs)->trigger();
        auto *about = x.w.findChild<QLabel *>(u"aboutText"_qs);
        QVERIFY(about);
        QVERIFY2(about->text().contains(QStringLiteral(TSGDESK_VERSION))
                     && about->text().contains(QString::fromLatin1(qVersion())) && about->text().contains(u"MIT"),
                 qPrintable(about->text()));
    }

    void titleShowsTheActiveTsgAndTheDataFolder()
    {
        Window x;
        // A temporary data folder is not the default one: the title says which it is.
        QVERIFY2(x.w.windowTitle().contains(QDir::toNativeSeparators(x.t.root())), qPrintable(x.w.windowTitle()));
        QVERIFY(await(x.t.lib->createTsg(u"vpn"_qs)).ok());
        QVERIFY(await(x.t.lib->selectTsg(u"vpn"_qs)).ok());
        QTRY_VERIFY2(x.w.windowTitle().startsWith(u"vpn (active) — TSG Desk"), qPrintable(x.w.windowTitle()));
        QVERIFY(await(x.t.lib->selectTsg(std::nullopt)).ok());
        QTRY_VERIFY(x.w.windowTitle().startsWith(u"TSG Desk — "));
    }

    void settingsShowsAndOpensTheDataFolder()
    {
        Window x;
        QString shown;
        OnDialog<SettingsDialog> answer([&](SettingsDialog *d) {
            shown = d->findChild<QLabel *>(u"dataFolder"_qs)->text();
            QTest::mouseClick(d->findChild<QPushButton *>(u"openDataFolder"_qs), Qt::LeftButton);
            d->reject();
        });
        x.w.action(u"settings"_qs)->trigger();
        QVERIFY(answer.done());
        QCOMPARE(shown, QDir::toNativeSeparators(x.t.root()));
        QCOMPARE(x.desktop.opened, QStringList{x.t.root()});
    }

    // An agent uploads into a TSG other than the one on screen; a click on the notification shows that TSG with
    // the new file selected.
    void aClickOnFilesArrivedOpensTheTsgAtTheNewFiles()
    {
        Window x;
        TrayIcon tray(*x.t.lib, nullptr, x.w);
        QVERIFY(await(x.t.lib->createTsg(u"on-screen"_qs)).ok());
        QVERIFY(await(x.t.lib->createTsg(u"incoming"_qs)).ok());
        QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
        QVERIFY(x.select(u"on-screen"_qs));
        QSignalSpy notified(&tray, &TrayIcon::notified);
        QVERIFY(await(x.t.lib->upload(UploadTarget::tsg(u"incoming"_qs),
                                      batchOf({{u"logs/agent.log"_qs, "from the agent"}}), 7))
                    .ok());
        QTRY_COMPARE(notified.size(), 1);
        QCOMPARE(notified.first().at(0).toString(), u"Files arrived"_qs);
        emit tray.messageClicked();
        QTRY_COMPARE(x.w.selectedTsg(), u"incoming"_qs);
        QTRY_COMPARE(x.w.fileView()
                         ->currentIndex()
                         .siblingAtColumn(FileTreeModel::Name)
                         .data(FileTreeModel::PathRole)
                         .toString(),
                     u"logs/agent.log"_qs);
        QVERIFY(x.w.fileView()->selectionModel()->isRowSelected(x.w.fileView()->currentIndex().row(),
                                                                x.w.fileView()->currentIndex().parent()));
    }

    void theKeyboardStartsOnTheTsgList()
    {
        Window x;
        QTRY_VERIFY(x.w.isActiveWindow());
        QCOMPARE(QApplication::focusWidget(), x.w.tsgView());
    }

    void everyControlHasAnAccessibleName()
    {
        Window x;
        QVERIFY(await(x.t.lib->createTsg(u"named"_qs)).ok());
        QTRY_COMPARE(x.w.tsgModel().rowCount(), 1);
        QVERIFY(x.select(u"named"_qs));
        x.w.action(u"showSessions"_qs)->trigger(); // the Sessions panel too
        QStringList unnamed;
        unnamedControls(QAccessible::queryAccessibleInterface(&x.w), unnamed);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));

        // The same for Settings.
        QStringList unnamedInSettings;
        OnDialog<SettingsDialog> answer([&](SettingsDialog *d) {
            unnamedControls(QAccessible::queryAccessibleInterface(d), unnamedInSettings);
            d->reject();
        });
        x.w.action(u"settings"_qs)->trigger();
        QVERIFY(answer.done());
        QVERIFY2(unnamedInSettings.isEmpty(), qPrintable(unnamedInSettings.join(u'\n')));
    }

    // Sessions are not a tab beside one TSG's files: they have a panel of their own (View › Sessions), which shows
    // the TSG each session used and whether a client is connected to it now, and the files' times whole.
    void sessionsHaveTheirOwnPlace()
    {
        Window x;
        QVERIFY(await(x.t.lib->createTsg(u"vpn"_qs)).ok());
        for (const char *id : {"s-1", "s-2"})
            QVERIFY(await(x.t.lib->upload(UploadTarget::session(QString::fromLatin1(id)),
                                          batchOf({{u"trace.log"_qs, "t"}})))
                        .ok());
        SessionsPage *page = x.w.sessionsPage();
        QCOMPARE(x.w.findChild<QTabWidget *>(u"tabs"_qs)->indexOf(page), -1);
        auto *dock = x.w.findChild<SessionsDock *>();
        QVERIFY(dock);
        QCOMPARE(dock->widget(), page);
        QTest::keyClick(&x.w, Qt::Key_3, Qt::AltModifier); // View › Sessions
        QTRY_VERIFY(dock->isVisible());
        QCOMPARE(QApplication::focusWidget(), page->findChild<QTableView *>(u"sessions"_qs));
        QTRY_COMPARE(page->model().rowCount(), 2);

        // s-1 chose a TSG, and a client is connected to it.
        QVERIFY(await(x.t.lib->selectTsg(u"vpn"_qs, 3, u"s-1"_qs)).ok());
        x.t.lib->markSessionInUse(u"s-1"_qs, true);
        const auto cell = [&](const QString &id, int column) {
            return page->model().index(page->model().rowOf(id), column).data().toString();
        };
        QTRY_COMPARE(cell(u"s-1"_qs, SessionListModel::Tsg), u"vpn"_qs);
        QTRY_COMPARE(cell(u"s-1"_qs, SessionListModel::Client), u"Connected"_qs);
        QCOMPARE(cell(u"s-2"_qs, SessionListModel::Tsg), QString());
        QCOMPARE(cell(u"s-2"_qs, SessionListModel::Client), u"—"_qs);
        x.t.lib->markSessionInUse(u"s-1"_qs, false);
        QTRY_COMPARE(cell(u"s-1"_qs, SessionListModel::Client), u"—"_qs);

        // The files' Modified column is wide enough for its text.
        page->selectSession(u"s-1"_qs);
        QTreeWidget *files = page->filesView();
        QTRY_COMPARE(files->topLevelItemCount(), 1);
        const QString modified = files->topLevelItem(0)->text(3);
        QVERIFY(!modified.isEmpty());
        QTRY_VERIFY2(files->columnWidth(3) >= files->fontMetrics().horizontalAdvance(modified),
                     qPrintable(QString::number(files->columnWidth(3))));
    }

    // A double click on a TSG makes it the active one (its details already show on a single click).
    void aDoubleClickSetsTheTsgActive()
    {
        Window x;
        QVERIFY(await(x.t.lib->createTsg(u"first"_qs)).ok());
        QVERIFY(await(x.t.lib->createTsg(u"second"_qs)).ok());
        QTRY_COMPARE(x.w.tsgModel().rowCount(), 2);
        const QPoint at = rowCenter(x.w.tsgView(), u"second"_qs);
        QTest::mouseClick(x.w.tsgView()->viewport(), Qt::LeftButton, {}, at); // a double click starts with a click
        QTest::mouseDClick(x.w.tsgView()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(x.t.lib->activeTsg(), std::optional<QString>(u"second"_qs));
        QCOMPARE(x.w.selectedTsg(), u"second"_qs);
    }
};

QTEST_MAIN(TestAppConventions)
#include "tst_appconventions.moc"
