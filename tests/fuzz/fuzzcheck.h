// Shared by the libFuzzer harnesses: FUZZ_CHECK stops the run with a message and the input (libFuzzer
// saves it as crash-<sha1>) when a property or a differential comparison fails.
#pragma once

#include <QString>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what) \
    do { \
        if (!(cond)) { \
            std::fprintf(stderr, "FUZZ FINDING at %s:%d: %s\n  %s\n", __FILE__, __LINE__, #cond, \
                         qPrintable(QString(what))); \
            std::abort(); \
        } \
    } while (0)
