// tsgdesk: the window and the server (default), or the server alone (--headless, or no display); `tsgdesk mcp`
// is the MCP server on stdio for AI agents.
#include "appoptions.h"
#include "headless.h"
#include "mcp.h"
#ifdef TSGDESK_WITH_UI
#include "desktop.h"
#endif

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

// Qt WebSockets allocates a fresh buffer for every 1 MiB binary frame. With glibc's defaults each one
// is new memory the kernel must fault in and zero (about a sixth of an upload's time on the socket
// thread); keeping such blocks in the heap lets the next frame reuse pages that are already mapped.
// The gain was measured once, by hand, with NATIVE_MASK=1 bench/chunked.sh; no results file keeps it.
void keepFrameBuffersMapped()
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

bool hasDisplay()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && !platform.startsWith("xcb") && !platform.startsWith("wayland"))
        return true; // offscreen, vnc, …: the user chose a platform that needs no display
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList list;
    for (int i = 0; i < argc; ++i)
        list << QString::fromLocal8Bit(argv[i]);
    return list;
}

} // namespace

int main(int argc, char **argv)
{
    keepFrameBuffersMapped();
    QCoreApplication::setApplicationName(QStringLiteral("tsgdesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("TSG Desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TSGDESK_VERSION));

    const QStringList args = argumentsOf(argc, argv);
    if (args.size() > 1 && args.at(1) == u"mcp")
        return runMcp(argc, argv); // before anything else: it must answer initialize within 150 ms of its start
    bool headless = args.contains(QStringLiteral("--headless")) || args.contains(QStringLiteral("--help"))
        || args.contains(QStringLiteral("-h")) || args.contains(QStringLiteral("--version"))
        || args.contains(QStringLiteral("-v"));
#ifdef TSGDESK_WITH_UI
    if (!headless && !hasDisplay()) {
        std::fprintf(stderr, "tsgdesk: no display (neither DISPLAY nor WAYLAND_DISPLAY is set): running headless\n");
        headless = true;
    }
    if (!headless)
        return runDesktop(argc, argv);
#else
    (void)hasDisplay;
    (void)headless;
#endif
    return runHeadless(argc, argv);
}
