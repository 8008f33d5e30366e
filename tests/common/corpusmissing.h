#pragma once

// Test support: what a test does when the shared EXPLAIN corpus (shared/corpus next to the
// checkout) is not there. A contributor's clone may lack it: the test is skipped, saying why.
// In CI (CI=true) the corpus must be there: its absence fails the test instead of hiding every
// corpus check behind a skip.

#include <QTest>

#define TUSK_CORPUS_MISSING(why)                                                                             \
    do {                                                                                                     \
        if (qEnvironmentVariable("CI") == QLatin1String("true"))                                             \
            QFAIL("CI=true, but " why);                                                                      \
        QSKIP(why);                                                                                          \
    } while (false)
