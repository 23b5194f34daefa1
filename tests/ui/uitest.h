// Window test fixtures: a MainWindow over a fresh library, drops of local files as a file manager
// sends them, and a driver that acts on the next modal dialog the way a user would.
#pragma once

#include "recordingdesktop.h"
#include "testlibrary.h"

#include "mainwindow.h"
#include "sessionspage.h"

#include <QApplication>
#include <QDialog>
#include <QMimeData>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace testing {

// Sends DragEnter, DragMove and Drop with `paths` as file URLs; returns whether the drop was accepted.
inline bool dropFiles(QWidget *target, const QPoint &pos, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &p : paths)
        urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

// Runs `act` on the next modal dialog of type D once it is shown (polling the event loop), so a test
// can trigger an action that opens a dialog with exec() and then drive the dialog's widgets.
template <typename D>
class OnDialog {
public:
    explicit OnDialog(std::function<void(D *)> act) : m_act(std::move(act))
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            auto *d = qobject_cast<D *>(QApplication::activeModalWidget());
            if (!d || !d->isVisible() || m_done)
                return;
            m_done = true;
            m_timer.stop();
            m_act(d);
            if (QTest::currentTestFailed() && d->isVisible())
                d->reject(); // a failed check inside `act` fails the test instead of leaving exec() waiting
        });
        m_timer.start();
    }
    bool done() const { return m_done; }

private:
    std::function<void(D *)> m_act;
    QTimer m_timer;
    bool m_done = false;
};

struct Window {
    TempLibrary t;
    RecordingDesktop desktop; // what the window would have opened: nothing is launched
    tsg::MainWindow w{*t.lib, nullptr};
    QStringList confirmations; // the questions the window asked (all answered yes)

    Window()
    {
        w.confirm = [this](const QString &, const QString &text) {
            confirmations << text;
            return true;
        };
        w.sessionsPage()->confirm = w.confirm;
        w.setDesktopServices(&desktop);
        w.show();
        QApplication::setActiveWindow(&w); // shortcuts need an active window
        (void)QTest::qWaitForWindowActive(&w);
    }
    // Selects the TSG and waits until the window has it selected: the list catches up with the library on its own,
    // and an action on "the selected TSG" before then would find none (and say so in a message box).
    bool select(const QString &name)
    {
        w.selectTsg(name);
        return QTest::qWaitFor([&] { return w.selectedTsg() == name; }, 10000);
    }
};

} // namespace testing
