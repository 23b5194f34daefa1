#include "desktop.h"
int runDesktop(int, char **) { return 0; }
