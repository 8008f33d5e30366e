#pragma once

// A plan from tests/data/explain, parsed; a missing or unreadable fixture ends the test run.

#include "explain/jsonplanparser.h"

#include <QFile>
#include <QString>

namespace test {

inline tusk::explain::Plan explainFixture(const QString &name)
{
    QFile f(QStringLiteral(TUSK_SOURCE_DIR "/tests/data/explain/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    const auto plan = tusk::explain::JsonPlanParser::parse(f.readAll());
    if (!plan)
        qFatal("unexpected parse error in %s: %s", qPrintable(name), qPrintable(plan.error().toString()));
    return *plan;
}

} // namespace test
