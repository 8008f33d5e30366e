#pragma once

// Test support: EXPLAIN plans for the tests of core/explain and of the plan views, from the
// fixtures in tests/data/explain or from a test's own text.
//
// A missing fixture or a parse error fails only the test function that met it, never the whole
// binary (qFatal would abort it and hide every other result; Qt 6.4 has no
// QTEST_THROW_ON_FAIL). The helpers return a value or the reason there is none;
// TUSK_PARSE_OR_FAIL declares a variable from one and, when there is none, fails the test at
// that line with the reason (QTest::qFail) and returns from the test function:
// @code
// TUSK_PARSE_OR_FAIL(const Plan plan, test::parseFixture(QStringLiteral("nested-loop.json")));
// TUSK_PARSE_OR_FAIL(QByteArray text, test::readFixture(QStringLiteral("nested-loop-psql.txt")));
// TUSK_PARSE_OR_FAIL(const Plan inline_, JsonPlanParser::parse(json)); // "`JsonPlanParser::parse(json)`:
// line …"
// @endcode
// It returns, so it works in a void function only: a helper that builds on a fixture returns a
// Result of its own (see test::FixtureResult) and the test function unwraps that.

#include "explain/jsonplanparser.h"
#include "explain/planreader.h"
#include "result.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTest>

#include <type_traits>
#include <utility>

namespace tusk::test {

/// A value from a fixture, or why there is none (a sentence naming the fixture).
template<typename T> using FixtureResult = Result<T, QString>;

/// tests/data/explain/<name>; `name` as it is when it is an absolute path (the shared corpus).
inline QString explainFixturePath(const QString &name)
{
    return QDir(QStringLiteral(TUSK_SOURCE_DIR "/tests/data/explain")).filePath(name);
}

/// The bytes of explainFixturePath(name).
inline FixtureResult<QByteArray> readFixture(const QString &name)
{
    QFile f(explainFixturePath(name));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("missing fixture %1 (%2: %3)").arg(name, f.fileName(), f.errorString());
    return f.readAll();
}

/// `parsed`, or the parse error named after `what` (a fixture's name, a description).
inline FixtureResult<explain::Plan> planOf(const Result<explain::Plan, explain::ParseError> &parsed,
                                           const QString &what)
{
    if (!parsed)
        return QStringLiteral("unexpected parse error in %1: %2").arg(what, parsed.error().toString());
    return *parsed;
}

/// A fixture read by `parse` (a callable from QByteArray to Result<Plan, ParseError>).
template<typename Parse> FixtureResult<explain::Plan> parseFixtureWith(const QString &name, Parse parse)
{
    const auto bytes = readFixture(name);
    if (!bytes)
        return bytes.error();
    return planOf(parse(*bytes), name);
}

/// A fixture in EXPLAIN's JSON format (JsonPlanParser).
inline FixtureResult<explain::Plan> parseFixture(const QString &name)
{
    return parseFixtureWith(name, [](const QByteArray &b) { return explain::JsonPlanParser::parse(b); });
}

/// A fixture in any format PlanReader detects.
inline FixtureResult<explain::Plan> readPlanFixture(const QString &name)
{
    return parseFixtureWith(name, [](const QByteArray &b) { return explain::PlanReader::read(b); });
}

/// A plan and the text it was read from, as a plan view takes them.
struct PlanText
{
    explain::Plan plan;
    QString text;
};

/// `bytes` read by PlanReader (any format), with their text; `what` names them in an error.
inline FixtureResult<PlanText> planTextOf(const QByteArray &bytes, const QString &what)
{
    const auto plan = planOf(explain::PlanReader::read(bytes), what);
    if (!plan)
        return plan.error();
    return PlanText{*plan, QString::fromUtf8(bytes)};
}

/// A fixture (any format) with its text.
inline FixtureResult<PlanText> readPlanText(const QString &name)
{
    const auto bytes = readFixture(name);
    if (!bytes)
        return bytes.error();
    return planTextOf(*bytes, name);
}

/// The failure message for TUSK_PARSE_OR_FAIL: a fixture helper's sentence as it is, any other
/// error (a parser's, for a test's own text) after the expression that gave it (its start, when
/// it spells out a whole plan).
template<typename T, typename E> QString failureOf(const Result<T, E> &result, const char *expression)
{
    if constexpr (std::is_same_v<E, QString>) {
        return result.error();
    } else {
        QString what = QString::fromUtf8(expression).simplified();
        if (what.size() > 100)
            what = what.left(99) + QChar(0x2026);
        return QStringLiteral("unexpected parse error in `%1`: %2").arg(what, result.error().toString());
    }
}

} // namespace tusk::test

#define TUSK_TEST_CONCAT_(a, b) a##b
#define TUSK_TEST_CONCAT(a, b) TUSK_TEST_CONCAT_(a, b)

/// `declaration = *expression` when `expression` (a Result) holds a value; otherwise the test
/// function fails here with the reason and returns. A declaration: use it at block scope, once a line.
#define TUSK_PARSE_OR_FAIL(declaration, expression)                                                          \
    TUSK_PARSE_OR_FAIL_(declaration, expression, TUSK_TEST_CONCAT(tuskParsed_, __LINE__))
#define TUSK_PARSE_OR_FAIL_(declaration, expression, result)                                                 \
    auto result = (expression);                                                                              \
    if (!result) {                                                                                           \
        QTest::qFail(qPrintable(::tusk::test::failureOf(result, #expression)), __FILE__, __LINE__);          \
        return;                                                                                              \
    }                                                                                                        \
    declaration = std::move(*result)
