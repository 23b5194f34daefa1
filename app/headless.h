// The server and the cleanup service without a window (QCoreApplication; no display needed).
#pragma once

int runHeadless(int argc, char **argv);
