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

inline pg::ConnectionParams paramsFor(const QString &uri)
{
    auto p = pg::ConnectionParams::parse(uri);
    return p ? *p : pg::ConnectionParams();
}

} // namespace tusk::test
