#include "systemdesktopservices.h"

#include <QClipboard>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDesktopServices>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLoggingCategory>

namespace tsg {

namespace {

Q_LOGGING_CATEGORY(lcDesktop, "tsgdesk.ui")

constexpr int kShowItemsTimeoutMs = 5000;

} // namespace

SystemDesktopServices::SystemDesktopServices(QObject *parent)
    : SystemDesktopServices(QDBusConnection::sessionBus(), &QDesktopServices::openUrl, parent)
{}

SystemDesktopServices::SystemDesktopServices(const QDBusConnection &bus, std::function<bool(const QUrl &)> openUrl,
                                             QObject *parent)
    : QObject(parent), m_bus(bus), m_openUrl(std::move(openUrl))
{}

bool SystemDesktopServices::openPath(const QString &absolutePath)
{
    return m_openUrl(QUrl::fromLocalFile(absolutePath));
}

void SystemDesktopServices::showInFolder(const QString &absolutePath, std::function<void(bool shown)> done)
{
    const QString folder = QFileInfo(absolutePath).absolutePath(); // string work only: no disk
    auto fallBack = [this, folder, done](const QString &why) {
        qCInfo(lcDesktop).noquote()
            << QStringLiteral("no file manager showed the item (%1): opening its folder").arg(why);
        const bool opened = m_openUrl(QUrl::fromLocalFile(folder));
        if (done)
            done(opened);
    };
    if (!m_bus.isConnected()) {
        fallBack(QStringLiteral("no session bus"));
        return;
    }
    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.FileManager1"),
                                       QStringLiteral("/org/freedesktop/FileManager1"),
                                       QStringLiteral("org.freedesktop.FileManager1"), QStringLiteral("ShowItems"));
    call << QStringList{QUrl::fromLocalFile(absolutePath).toString(QUrl::FullyEncoded)} << QString();
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kShowItemsTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [watcher, fallBack, done] {
        watcher->deleteLater();
        const QDBusPendingReply<> reply = *watcher;
        if (reply.isError()) {
            fallBack(reply.error().name());
            return;
        }
        if (done)
            done(true);
    });
}

void SystemDesktopServices::copyText(const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
}

} // namespace tsg
