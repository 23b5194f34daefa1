// The window, the tray icon and the server in one QApplication.
#pragma once

int runDesktop(int argc, char **argv);
