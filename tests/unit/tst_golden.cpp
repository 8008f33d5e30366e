// Golden files for what a user reads: how a script is split into statements, the warnings a plan
// gets and the sentences a plan diff says. Inputs: tests/data/golden/splitter/*.sql and the
// plans in tests/data/explain; references beside them (tests/common/golden.h; regenerate with
// TUSK_UPDATE_GOLDEN=1 and review the diff).

#include "../common/golden.h"
#include "explain/plananalysis.h"
#include "explain/plandiff.h"
#include "explain/planreader.h"
#include "sql/splitter.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <string_view>

using namespace tusk;

namespace {
QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QString kExplainDir = QStringLiteral(TUSK_SOURCE_DIR "/tests/data/explain/");

QString nodeName(const explain::Plan &plan, int id)
{
    if (id < 0)
        return QStringLiteral("plan");
    for (const explain::PlanNode &n : plan.nodes) {
        if (n.id != id)
            continue;
        QString s = QStringLiteral("node %1 %2").arg(id).arg(n.nodeType);
        if (!n.relationName.isEmpty())
            s += QStringLiteral(" on ") + n.relationName;
        return s;
    }
    return QStringLiteral("node %1").arg(id);
}
} // namespace

class TestGolden : public QObject
{
    Q_OBJECT
private slots:
    void splitter_data();
    void splitter();
    void planWarnings_data();
    void planWarnings();
    void planDiffSentences_data();
    void planDiffSentences();
};

void TestGolden::splitter_data()
{
    QTest::addColumn<QString>("name");
    const QDir dir(test::goldenPath(QStringLiteral("splitter")));
    const QStringList inputs = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    QVERIFY2(inputs.size() >= 4, qPrintable(dir.path()));
    for (const QString &name : inputs)
        QTest::newRow(qPrintable(name)) << name;
}

void TestGolden::splitter()
{
    QFETCH(QString, name);
    const QByteArray script = readFile(test::goldenPath(QStringLiteral("splitter/") + name));
    QVERIFY(!script.isEmpty());
    const std::string_view bytes(script.constData(), size_t(script.size()));
    QString out;
    for (const sql::Statement &s : sql::splitStatements(bytes)) {
        const std::string_view t = s.text(bytes);
        out += QStringLiteral("%1:%2 %3%4 [%5,%6)\n%7\n---\n")
                   .arg(s.line)
                   .arg(s.column)
                   .arg(s.kind == sql::Statement::Kind::Sql ? QStringLiteral("sql")
                                                            : QStringLiteral("psql-meta"))
                   .arg(s.terminated ? QString() : QStringLiteral(" unterminated"))
                   .arg(s.begin)
                   .arg(s.end)
                   .arg(QString::fromUtf8(t.data(), qsizetype(t.size())));
    }
    QString why;
    QVERIFY2(test::matchesGolden(QStringLiteral("splitter/") + name + QStringLiteral(".out"), out, &why),
             qPrintable(why));
}

void TestGolden::planWarnings_data()
{
    QTest::addColumn<QString>("name");
    const QStringList plans =
        QDir(kExplainDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(plans.size() >= 10);
    for (const QString &name : plans)
        QTest::newRow(qPrintable(name)) << name;
}

void TestGolden::planWarnings()
{
    QFETCH(QString, name);
    const auto plan = explain::PlanReader::read(readFile(kExplainDir + name));
    if (!plan) // a deliberately broken fixture (nested-loop-truncated.json): its error is the reading
        QVERIFY(name.contains(QLatin1String("truncated")));
    QString out;
    if (!plan) {
        out = QStringLiteral("not read: %1\n").arg(plan.error().toString());
    } else {
        const explain::PlanAnalysis analysis(*plan);
        for (const explain::PlanWarning &w : analysis.warnings())
            out += QStringLiteral("%1: %2 %3\n  %4\n  TRY: %5\n")
                       .arg(nodeName(*plan, w.nodeId), explain::severityName(w.severity),
                            explain::warningKindName(w.kind), w.message, w.suggestion);
        if (out.isEmpty())
            out = QStringLiteral("no warnings\n");
    }
    QString why;
    QVERIFY2(test::matchesGolden(QStringLiteral("plan-warnings/") + name + QStringLiteral(".txt"), out, &why),
             qPrintable(why));
}

void TestGolden::planDiffSentences_data()
{
    QTest::addColumn<QString>("pair");
    const QStringList befores =
        QDir(kExplainDir).entryList({QStringLiteral("diff-*-before.json")}, QDir::Files, QDir::Name);
    QVERIFY(befores.size() >= 5);
    for (QString name : befores) {
        name.remove(QLatin1String("-before.json"));
        QTest::newRow(qPrintable(name)) << name;
    }
}

void TestGolden::planDiffSentences()
{
    QFETCH(QString, pair);
    const auto before =
        explain::PlanReader::read(readFile(kExplainDir + pair + QStringLiteral("-before.json")));
    const auto after =
        explain::PlanReader::read(readFile(kExplainDir + pair + QStringLiteral("-after.json")));
    QVERIFY2(before && after, qPrintable(pair));
    const explain::PlanDiff diff = explain::PlanDiff::compare(*before, *after);
    QString out;
    for (const QString &line : diff.statementSummary())
        out += line + u'\n';
    out += QStringLiteral("ranked:\n");
    for (int i : diff.ranked())
        out += QStringLiteral("- ") + diff.changes().at(i).sentence + u'\n';
    QString why;
    QVERIFY2(test::matchesGolden(QStringLiteral("plan-diff/") + pair + QStringLiteral(".txt"), out, &why),
             qPrintable(why));
}

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
