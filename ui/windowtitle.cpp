#include "windowtitle.h"

#include "datafolder.h"
#include "library.h"

#include <QDir>
#include <QStringList>
#include <QWidget>

namespace tsg {

WindowTitle::WindowTitle(QWidget &window, Library &library) : QObject(&window), m_window(window), m_library(library)
{
    setObjectName(QStringLiteral("windowTitle"));
    connect(&library, &Library::activeTsgChanged, this, &WindowTitle::update, Qt::QueuedConnection);
    update();
}

QString WindowTitle::text(const std::optional<QString> &activeTsg, const QString &dataFolder,
                          const QString &defaultFolder)
{
    QStringList parts;
    if (activeTsg && !activeTsg->isEmpty())
        parts << tr("%1 (active)").arg(*activeTsg);
    parts << tr("TSG Desk");
    if (QDir::cleanPath(dataFolder) != QDir::cleanPath(defaultFolder))
        parts << QDir::toNativeSeparators(dataFolder);
    return parts.join(QStringLiteral(" — "));
}

void WindowTitle::update()
{
    m_window.setWindowTitle(text(m_library.activeTsg(), m_library.folder().root(), DataFolder::resolve()));
}

} // namespace tsg
