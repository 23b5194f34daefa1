# The application's reverse-DNS id, in one place: it names the desktop entry, the AppStream metainfo and
# the icon. Included by packaging/CMakeLists.txt and tests/package/CMakeLists.txt.
set(TSGDESK_APP_ID io.github.tsgdesk.TsgDesk)
