// monitor::prometheusText() on hand-made samples: the exposition format Prometheus reads
// (https://prometheus.io/docs/instrumenting/exposition_formats/, version 0.0.4), without a server.

#include "monitor/prometheustext.h"

#include <QTest>

#include <cmath>

using namespace tusk;
using namespace tusk::monitor;

class TestPrometheusText : public QObject
{
    Q_OBJECT
private slots:
    void aFamilyHasOneHelpAndTypeAndItsSeriesTogether();
    void countersAreTheirCumulativeValueNotTheRate();
    void labelValuesAreEscaped();
    void aNodeThatIsDownIsPgUpZeroAndNothingElse();
    void probesSayWhetherTheyRanAndHowLong();
    void oddNumbersAreWrittenAsPrometheusReadsThem();
    void namesPrometheusWouldRejectAreMadeValid();
    void helpSaysWhichProbeAndIsEscaped();
};

namespace {
MetricValue value(const QString &name, Labels labels, double v, MetricKind kind = MetricKind::Gauge)
{
    MetricValue m;
    m.name = name;
    m.labels = std::move(labels);
    m.kind = kind;
    m.value = v;
    return m;
}

ScrapedNode node(const QString &server, QList<MetricValue> values)
{
    ScrapedNode n;
    n.server = server;
    n.sample.connected = true;
    n.sample.values = std::move(values);
    n.scrapeSeconds = 0.004;
    return n;
}

QList<QByteArray> lines(const QByteArray &text)
{
    QList<QByteArray> out = text.split('\n');
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast(); // the text ends with a newline
    return out;
}

/// The lines starting with prefix.
QList<QByteArray> starting(const QByteArray &text, const QByteArray &prefix)
{
    QList<QByteArray> out;
    for (const QByteArray &l : lines(text)) {
        if (l.startsWith(prefix))
            out.append(l);
    }
    return out;
}

const QString kCommit = QStringLiteral("pg_stat_database_xact_commit");
} // namespace

void TestPrometheusText::aFamilyHasOneHelpAndTypeAndItsSeriesTogether()
{
    const Labels crm{{QStringLiteral("datname"), QStringLiteral("crm")}};
    const Labels erp{{QStringLiteral("datname"), QStringLiteral("erp")}};
    const QByteArray text = prometheusText(
        {node(QStringLiteral("10.0.0.1:5432"),
              {value(kCommit, crm, 10, MetricKind::Counter), value(QStringLiteral("pg_locks_count"), {}, 3),
               value(kCommit, erp, 20, MetricKind::Counter)}),
         node(QStringLiteral("10.0.0.2:5432"), {value(kCommit, crm, 30, MetricKind::Counter)})});
    QCOMPARE(starting(text, "# TYPE pg_stat_database_xact_commit ").size(), 1);
    QCOMPARE(starting(text, "# HELP pg_stat_database_xact_commit ").size(), 1);
    QCOMPARE(starting(text, "# TYPE pg_up ").size(), 1);
    // Every series of a name follows its TYPE line, both nodes' together.
    const QList<QByteArray> all = lines(text);
    const qsizetype type = all.indexOf("# TYPE pg_stat_database_xact_commit counter");
    QVERIFY(type > 0);
    QCOMPARE(
        all.mid(type + 1, 3),
        (QList<QByteArray>{"pg_stat_database_xact_commit{datname=\"crm\",server=\"10.0.0.1:5432\"} 10",
                           "pg_stat_database_xact_commit{datname=\"erp\",server=\"10.0.0.1:5432\"} 20",
                           "pg_stat_database_xact_commit{datname=\"crm\",server=\"10.0.0.2:5432\"} 30"}));
    QCOMPARE(all.at(type - 1).left(36), QByteArray("# HELP pg_stat_database_xact_commit "));
    QCOMPARE(starting(text, "pg_up{"),
             (QList<QByteArray>{"pg_up{server=\"10.0.0.1:5432\"} 1", "pg_up{server=\"10.0.0.2:5432\"} 1"}));
    QCOMPARE(starting(text, "pg_locks_count"),
             (QList<QByteArray>{"pg_locks_count{server=\"10.0.0.1:5432\"} 3"}));
    QVERIFY(text.endsWith('\n'));
}

void TestPrometheusText::countersAreTheirCumulativeValueNotTheRate()
{
    MetricValue commits = value(kCommit, {}, 123456789012, MetricKind::Counter);
    commits.rate = 42.5;
    const QByteArray text = prometheusText({node(QStringLiteral("db:5432"), {commits})});
    QCOMPARE(starting(text, "pg_stat_database_xact_commit"),
             (QList<QByteArray>{"pg_stat_database_xact_commit{server=\"db:5432\"} 123456789012"}));
}

void TestPrometheusText::labelValuesAreEscaped()
{
    const Labels odd{{QStringLiteral("application_name"), QStringLiteral("a\\b \"quoted\"\nnext")},
                     {QStringLiteral("datname"), QStringLiteral("grüße")}};
    const QByteArray text =
        prometheusText({node(QStringLiteral("db:5432"), {value(QStringLiteral("pg_x"), odd, 1)})});
    QCOMPARE(starting(text, "pg_x{"),
             (QList<QByteArray>{QStringLiteral("pg_x{application_name=\"a\\\\b \\\"quoted\\\"\\nnext\","
                                               "datname=\"grüße\",server=\"db:5432\"} 1")
                                    .toUtf8()}));
}

void TestPrometheusText::aNodeThatIsDownIsPgUpZeroAndNothingElse()
{
    ScrapedNode down;
    down.server = QStringLiteral("10.0.0.9:5432");
    down.sample.connected = false;
    down.sample.error = QStringLiteral("connection refused");
    down.sample.values = {value(kCommit, {}, 5, MetricKind::Counter)}; // not served: it is a gap
    down.scrapeSeconds = 8;
    const QByteArray text = prometheusText(
        {node(QStringLiteral("10.0.0.1:5432"), {value(kCommit, {}, 10, MetricKind::Counter)}), down});
    QCOMPARE(starting(text, "pg_up{"),
             (QList<QByteArray>{"pg_up{server=\"10.0.0.1:5432\"} 1", "pg_up{server=\"10.0.0.9:5432\"} 0"}));
    QCOMPARE(starting(text, "pg_stat_database_xact_commit").size(), 1);
    QVERIFY(!text.contains("pg_stat_database_xact_commit{server=\"10.0.0.9:5432\"}"));
    QVERIFY(text.contains("pg_exporter_last_scrape_duration_seconds{server=\"10.0.0.9:5432\"} 8\n"));
}

void TestPrometheusText::probesSayWhetherTheyRanAndHowLong()
{
    ScrapedNode n = node(QStringLiteral("db:5432"), {});
    n.sample.serverStart = QDateTime::fromMSecsSinceEpoch(1'700'000'000'500);
    n.sample.probes = {
        {QStringLiteral("database"), ProbeStatus::State::Ok, {}, 1500},
        {QStringLiteral("statements"), ProbeStatus::State::NotDue, {}, -1},
        {QStringLiteral("locks"), ProbeStatus::State::Failed, QStringLiteral("boom"), 200},
        {QStringLiteral("wal"), ProbeStatus::State::Skipped, QStringLiteral("took 900 ms"), -1}};
    const QByteArray text = prometheusText({n});
    QCOMPARE(starting(text, "pg_scrape_collector_success{"),
             (QList<QByteArray>{"pg_scrape_collector_success{collector=\"database\",server=\"db:5432\"} 1",
                                "pg_scrape_collector_success{collector=\"statements\",server=\"db:5432\"} 1",
                                "pg_scrape_collector_success{collector=\"locks\",server=\"db:5432\"} 0",
                                "pg_scrape_collector_success{collector=\"wal\",server=\"db:5432\"} 0"}));
    QCOMPARE(starting(text, "pg_scrape_collector_duration_seconds{"),
             (QList<QByteArray>{
                 "pg_scrape_collector_duration_seconds{collector=\"database\",server=\"db:5432\"} 0.0015",
                 // the shortest exact form: Prometheus reads Go's float syntax
                 "pg_scrape_collector_duration_seconds{collector=\"locks\",server=\"db:5432\"} 2e-04"}));
    QCOMPARE(starting(text, "pg_postmaster_start_time_seconds{"),
             (QList<QByteArray>{"pg_postmaster_start_time_seconds{server=\"db:5432\"} 1700000000.5"}));
}

void TestPrometheusText::oddNumbersAreWrittenAsPrometheusReadsThem()
{
    const QByteArray text = prometheusText(
        {node(QStringLiteral("db:5432"),
              {value(QStringLiteral("pg_a"), {}, std::nan("")), value(QStringLiteral("pg_b"), {}, INFINITY),
               value(QStringLiteral("pg_c"), {}, -INFINITY), value(QStringLiteral("pg_d"), {}, 0.1),
               value(QStringLiteral("pg_e"), {}, 1e300), value(QStringLiteral("pg_f"), {}, -2)})});
    QVERIFY(text.contains("pg_a{server=\"db:5432\"} NaN\n"));
    QVERIFY(text.contains("pg_b{server=\"db:5432\"} +Inf\n"));
    QVERIFY(text.contains("pg_c{server=\"db:5432\"} -Inf\n"));
    QVERIFY(text.contains("pg_d{server=\"db:5432\"} 0.1\n"));
    QVERIFY(text.contains("pg_e{server=\"db:5432\"} 1e+300\n"));
    QVERIFY(text.contains("pg_f{server=\"db:5432\"} -2\n"));
}

void TestPrometheusText::namesPrometheusWouldRejectAreMadeValid()
{
    const Labels labels{{QStringLiteral("wait-event"), QStringLiteral("x")},
                        {QStringLiteral("server"), QStringLiteral("y")}};
    const QByteArray text = prometheusText(
        {node(QStringLiteral("db:5432"), {value(QStringLiteral("pg_odd.name-1"), labels, 1)})});
    // The probe's own "server" column must not clash with the label naming the node.
    QCOMPARE(
        starting(text, "pg_odd"),
        (QList<QByteArray>{"pg_odd_name_1{wait_event=\"x\",exported_server=\"y\",server=\"db:5432\"} 1"}));
}

void TestPrometheusText::helpSaysWhichProbeAndIsEscaped()
{
    auto probe =
        Probe::parse(QStringLiteral("database"), 0,
                     QStringLiteral("-- family: pg_stat_database\n-- interval: 1\n-- labels: datname\n"
                                    "-- gauges: numbackends\n-- counters: xact_commit\nSELECT 1"));
    QVERIFY2(probe, qPrintable(probe ? QString() : probe.error()));
    QHash<QString, QString> help;
    addProbeHelp(*probe, &help);
    help.insert(QStringLiteral("pg_odd"), QStringLiteral("two\nlines with a \\ and \"quotes\""));
    const QByteArray text = prometheusText(
        {node(QStringLiteral("db:5432"), {value(kCommit, {}, 1, MetricKind::Counter),
                                          value(QStringLiteral("pg_stat_database_numbackends"), {}, 2),
                                          value(QStringLiteral("pg_odd"), {}, 3)})},
        help);
    QCOMPARE(
        starting(text, "# HELP pg_stat_database_xact_commit "),
        (QList<QByteArray>{"# HELP pg_stat_database_xact_commit xact_commit of pg_stat_database (tusk probe "
                           "database, every 1 s); cumulative, as the server counts it: rate() it"}));
    QCOMPARE(
        starting(text, "# HELP pg_stat_database_numbackends "),
        (QList<QByteArray>{"# HELP pg_stat_database_numbackends numbackends of pg_stat_database (tusk probe "
                           "database, every 1 s)"}));
    // In HELP only backslash and newline are escaped; quotes stay.
    QCOMPARE(starting(text, "# HELP pg_odd "),
             (QList<QByteArray>{"# HELP pg_odd two\\nlines with a \\\\ and \"quotes\""}));
}

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
