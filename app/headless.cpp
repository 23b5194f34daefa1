#include "headless.h"
int runHeadless(int, char **) { return 0; }
