// monitor::StatementTexts: which pg_stat_statements texts the sampler asks for, and when.
// (The answer itself is read against real servers in tst_sampler, on PostgreSQL 12–18.)

#include "monitor/statementtexts.h"

#include <QTest>

using namespace tusk::monitor;

namespace {
MetricValue statement(const QString &queryId,
                      const QString &name = QStringLiteral("pg_stat_statements_calls"))
{
    MetricValue v;
    v.name = name;
    v.labels = {{QStringLiteral("queryid"), queryId}, {QStringLiteral("datname"), QStringLiteral("crm")}};
    v.kind = MetricKind::Counter;
    v.value = 1;
    return v;
}
} // namespace

class TestStatementTexts : public QObject
{
    Q_OBJECT
private slots:
    void asksOnlyForQueryIdsNotSeenBefore()
    {
        StatementTexts texts;
        QVERIFY(!texts.nextFetch()); // nothing seen: no statement in the batch
        texts.noteSeen({statement(QStringLiteral("11")), statement(QStringLiteral("-22")),
                        statement(QStringLiteral("11"), QStringLiteral("pg_stat_statements_rows")),
                        // another family's queryid-like label is not a statement
                        statement(QStringLiteral("33"), QStringLiteral("pg_stat_activity_count"))});
        const auto fetch = texts.nextFetch();
        QVERIFY(fetch);
        QVERIFY(fetch->sql.contains(QLatin1String("pg_stat_statements(true)")));
        QVERIFY(fetch->sql.contains(QLatin1String("$1::bigint[]"))); // ids as a parameter, not SQL
        QCOMPARE(fetch->params, QStringList{QStringLiteral("{11,-22}")});
        QVERIFY2(!texts.nextFetch(), "one fetch at a time");
        texts.failed(); // e.g. the connection went: not asked again on every tick
        texts.noteSeen({statement(QStringLiteral("11")), statement(QStringLiteral("-22"))});
        QVERIFY(!texts.nextFetch());
        texts.noteSeen({statement(QStringLiteral("44"))});
        QCOMPARE(texts.nextFetch()->params, QStringList{QStringLiteral("{44}")});
    }

    void aFetchAsksForAtMostAHundred()
    {
        StatementTexts texts;
        QList<MetricValue> many;
        for (int i = 0; i < 250; ++i)
            many.append(statement(QString::number(i)));
        texts.noteSeen(many);
        int asked = 0;
        for (int round = 0; round < 3; ++round) {
            const auto fetch = texts.nextFetch();
            QVERIFY(fetch);
            asked += int(fetch->params.front().count(u',')) + 1;
            texts.failed();
        }
        QCOMPARE(asked, 250);
        QVERIFY(!texts.nextFetch());
        texts.reset(); // another server: every queryid is new again
        texts.noteSeen({statement(QStringLiteral("1"))});
        QVERIFY(texts.nextFetch());
    }
};

QTEST_GUILESS_MAIN(TestStatementTexts)
#include "tst_statementtexts.moc"
