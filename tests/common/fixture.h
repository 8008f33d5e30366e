#pragma once

// Test support: the sandbox cluster that ctest's "sandbox" fixture started for this run.

#include "pg/connectionparams.h"
#include "sandbox/localcluster.h"

#include <QTest>

#include <optional>

namespace tusk::test {

inline QString fixtureDir()
{
    const QString env = qEnvironmentVariable("TUSK_SANDBOX_DIR");
    return env.isEmpty() ? QStringLiteral(TUSK_SANDBOX_DIR) : env;
}

/// The fixture's cluster, or nullopt (the test should QSKIP) when it is not running.
inline std::optional<sandbox::LocalCluster> fixtureCluster()
{
    auto c = sandbox::LocalCluster::open(fixtureDir());
    if (!c || c->postmasterPid(QStringLiteral("primary")) == 0)
        return std::nullopt;
    return *c;
}

/// Why fixtureCluster() found nothing. For a test of the versions label (TUSK_PG_MAJOR set), a
/// major that is not installed skips — or fails under CI=true, where every major must run.
struct MissingFixture
{
    QString reason;
    bool mustFail = false;
};

inline MissingFixture missingFixture()
{
    const int major = qEnvironmentVariableIntValue("TUSK_PG_MAJOR");
    if (major <= 0)
        return {QStringLiteral("the sandbox fixture is not running (run through ctest)")};
    auto binaries = tools::PostgresBinaries::find(major);
    if (!binaries)
        return {binaries.error(), qEnvironmentVariable("CI") == QLatin1String("true")};
    return {QStringLiteral("the PostgreSQL %1 fixture in %2 is not running (run through ctest -L versions)")
                .arg(QString::number(major), fixtureDir())};
}

/// In initTestCase, when fixtureCluster() gave nothing: QSKIP or QFAIL with missingFixture()'s reason.
#define TUSK_SKIP_WITHOUT_FIXTURE()                                                                          \
    do {                                                                                                     \
        const tusk::test::MissingFixture missing_ = tusk::test::missingFixture();                            \
        if (missing_.mustFail)                                                                               \
            QFAIL(qPrintable(QStringLiteral("CI=true: ") + missing_.reason));                                \
        QSKIP(qPrintable(missing_.reason));                                                                  \
    } while (false)

inline pg::ConnectionParams paramsFor(const QString &uri)
{
    auto p = pg::ConnectionParams::parse(uri);
    return p ? *p : pg::ConnectionParams();
}

} // namespace tusk::test
