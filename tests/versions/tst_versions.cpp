// Tusk's version-dependent SQL against one real server per PostgreSQL major (12–18): EXPLAIN with
// the options Tusk enables for that version (read back by the JSON and TEXT plan parsers),
// completion, and the catalog's version branches that tst_catalogloader (also run per major)
// does not reach. Registered once per major (tst_versions_pg<major>), each against its own
// fixture primary; TUSK_PG_MAJOR names the major.

#include "../common/dropdatabase.h"
#include "../common/fixture.h"
#include "catalog/catalogloader.h"
#include "catalog/catalogobject.h"
#include "catalog/scriptgenerator.h"
#include "explain/jsonplanparser.h"
#include "explain/textplanparser.h"
#include "pg/quoting.h"
#include "pg/session.h"
#include "sql/completioncatalog.h"
#include "sql/explainstatement.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tusk;
using catalog::CatalogObject;
using catalog::ObjectKind;

namespace {

const QString kDatabase = QStringLiteral("tusk_versions");

/// Rows of one statement run through a Session, or the error it gave.
struct Rows
{
    QList<QStringList> rows;
    std::optional<pg::Error> error;
    bool timedOut = false;
    bool ok() const { return !error && !timedOut; }
    QString text() const
    {
        QStringList lines;
        for (const QStringList &r : rows)
            lines << r.join(u'|');
        return lines.join(u'\n');
    }
};

Rows run(pg::Session &session, const QString &sql)
{
    Rows out;
    bool done = false;
    quint64 gen = 0;
    QObject guard;
    QObject::connect(&session, &pg::Session::rowsArrived, &guard,
                     [&](quint64 g, int, const pg::ResultChunk &chunk) {
                         if (g != gen)
                             return;
                         for (int r = 0; r < chunk.rowCount(); ++r) {
                             QStringList row;
                             for (int c = 0; c < chunk.columnCount(); ++c)
                                 row << chunk.text(r, c);
                             out.rows << row;
                         }
                     });
    QObject::connect(&session, &pg::Session::finished, &guard, [&](quint64 g) { done = done || g == gen; });
    QObject::connect(&session, &pg::Session::failed, &guard, [&](quint64 g, const pg::Error &e) {
        if (g == gen) {
            out.error = e;
            done = true;
        }
    });
    gen = session.execute(sql);
    out.timedOut = !QTest::qWaitFor([&] { return done; }, 60000);
    return out;
}

/// Whether two multi-line texts are equal; when not, the lines only one of them has are logged
/// (QCOMPARE cuts long strings short).
bool sameLines(const QString &actual, const QString &expected)
{
    if (actual == expected)
        return true;
    const QStringList a = actual.split(u'\n'), e = expected.split(u'\n');
    for (const QString &line : a) {
        if (!e.contains(line))
            qWarning("only in the copy:     %s", qPrintable(line));
    }
    for (const QString &line : e) {
        if (!a.contains(line))
            qWarning("only in the original: %s", qPrintable(line));
    }
    return false;
}

/// The objects the tests script and explain, in schema vsrc. Version-specific ones are added by
/// setupSql() for the majors that have them.
const char *const kSetup = R"sql(
CREATE SCHEMA vsrc;
CREATE TABLE vsrc.items (id int PRIMARY KEY, label text NOT NULL, price numeric(10,2));
INSERT INTO vsrc.items SELECT g, 'item ' || g, g * 1.5 FROM generate_series(1, 2000) g;
CREATE INDEX items_label_idx ON vsrc.items (label);
CREATE FUNCTION vsrc.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE vsrc.measures (at date NOT NULL, item int NOT NULL REFERENCES vsrc.items (id), v int,
    CONSTRAINT v_positive CHECK (v > 0)) PARTITION BY RANGE (at);
CREATE TABLE vsrc.measures_2024 PARTITION OF vsrc.measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE vsrc.measures_rest PARTITION OF vsrc.measures DEFAULT;
CREATE INDEX measures_item_idx ON vsrc.measures (item);
CREATE TRIGGER measures_stamp AFTER INSERT ON vsrc.measures FOR EACH ROW EXECUTE FUNCTION vsrc.stamp();
CREATE TABLE vsrc.gen (a int, twice int GENERATED ALWAYS AS (a * 2) STORED);
CREATE SEQUENCE vsrc.plain_seq START 7 INCREMENT 3;
CREATE ROLE tusk_v_group;
CREATE ROLE tusk_v_member LOGIN;
CREATE ROLE tusk_v_admin;
GRANT tusk_v_group TO tusk_v_member;
GRANT tusk_v_group TO tusk_v_admin WITH ADMIN OPTION;
)sql";

QString setupSql(int major)
{
    QString sql = QString::fromUtf8(kSetup);
    if (major >= 15)
        sql += QStringLiteral("CREATE UNLOGGED SEQUENCE vsrc.unlogged_seq;\n");
    if (major >= 16) {
        // Since 16 a membership can be granted once per grantor (two rows, one membership) and
        // has INHERIT and SET options.
        sql += QStringLiteral("GRANT tusk_v_group TO tusk_v_member GRANTED BY tusk_v_admin;\n"
                              "CREATE ROLE tusk_v_limited NOINHERIT;\n"
                              "GRANT tusk_v_group TO tusk_v_limited WITH INHERIT TRUE, SET FALSE;\n");
    }
    if (major >= 14) // SQL-standard function bodies
        sql += QStringLiteral(
            "CREATE FUNCTION vsrc.plus_one(a int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + 1;\n");
    if (major >= 15)
        sql += QStringLiteral(
            "CREATE TABLE vsrc.nnd (a int, CONSTRAINT nnd_a UNIQUE NULLS NOT DISTINCT (a));\n");
    if (major >= 18) {
        sql +=
            QStringLiteral("CREATE TABLE vsrc.virt (a int, thrice int GENERATED ALWAYS AS (a * 3) VIRTUAL);\n"
                           "CREATE TABLE vsrc.nn (a int CONSTRAINT a_required NOT NULL, b int NOT NULL NO "
                           "INHERIT, c int, d int NOT NULL);\n"
                           "ALTER TABLE vsrc.nn ADD CONSTRAINT c_checked_later NOT NULL c NOT VALID;\n");
    }
    // Analysed: an empty table has an estimate (0 rows). Never analysed: no estimate yet.
    sql += QStringLiteral("CREATE TABLE vsrc.empty (a int);\nANALYZE;\n");
    return sql +
           QStringLiteral("CREATE TABLE vsrc.fresh (a int) WITH (autovacuum_enabled = false);\n"
                          "INSERT INTO vsrc.fresh SELECT generate_series(1, 500);\n"
                          "CREATE TABLE vsrc.fresh_parts (a int) PARTITION BY RANGE (a);\n"
                          "CREATE TABLE vsrc.fresh_1 PARTITION OF vsrc.fresh_parts FOR VALUES FROM (0) TO "
                          "(1000) WITH (autovacuum_enabled = false);\n"
                          "INSERT INTO vsrc.fresh_parts SELECT generate_series(1, 500);\n");
}

} // namespace

class TestVersions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void runsTheMajorAskedFor();
    void explainRunsWithTheOptionsTuskEnables_data();
    void explainRunsWithTheOptionsTuskEnables();
    void explainOptionsTuskLeavesOutAreRefused();
    void newerExplainOutputParses();
    void completionListsKeywordsTablesColumnsAndFunctions();
    void partitionedTablesScriptTriggersConstraintsAndIndexesOnce();
    void loaderGivesRowEstimatesOnlyOnceThereAreSome();
    void newerColumnsConstraintsAndFunctionsScriptBack();
    void sequencesScriptBack();
    void databasesScriptWithTheirLocaleProvider();
    void rolesScriptEachMembershipOnce();
    void replicasNeedTheMajorsOwnPgBasebackup();

private:
    QString psql(const QString &sql, const QString &database = kDatabase);
    /// Script as CREATE of an object (kind and oid are enough); a null QString on failure.
    QString script(const CatalogObject &object);
    CatalogObject object(ObjectKind kind, const QString &oidSql);

    std::optional<sandbox::LocalCluster> m_cluster;
    std::unique_ptr<pg::Session> m_session;
    std::unique_ptr<catalog::ScriptGenerator> m_generator;
    int m_major = 0;
    int m_versionNum = 0;
};

void TestVersions::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        TUSK_SKIP_WITHOUT_FIXTURE();
    m_major = qEnvironmentVariableIntValue("TUSK_PG_MAJOR");
    QVERIFY2(m_major > 0, "TUSK_PG_MAJOR names the major under test");
    const QString created =
        psql(test::dropDatabase(kDatabase, m_major) +
                 QStringLiteral("DROP ROLE IF EXISTS tusk_v_member;\nDROP ROLE IF EXISTS "
                                "tusk_v_admin;\nDROP ROLE IF EXISTS tusk_v_limited;\n"
                                "DROP ROLE IF EXISTS tusk_v_group;\nCREATE DATABASE %1;\n")
                     .arg(kDatabase),
             QStringLiteral("postgres"));
    QVERIFY(created != QLatin1String("<psql failed>"));
    QVERIFY(psql(setupSql(m_major)) != QLatin1String("<psql failed>"));

    m_session = std::make_unique<pg::Session>(QStringLiteral("tusk-versions-test"));
    pg::ConnectionParams params = test::paramsFor(m_cluster->node(QStringLiteral("primary")).uri);
    params.set(QStringLiteral("dbname"), kDatabase);
    QSignalSpy connected(m_session.get(), &pg::Session::connected);
    m_session->connectTo(params);
    QVERIFY(connected.wait(15000));
    m_versionNum = m_session->serverInfo().versionNumber;
    m_generator = std::make_unique<catalog::ScriptGenerator>(m_session.get());
}

void TestVersions::cleanupTestCase()
{
    m_generator.reset();
    m_session.reset();
    if (!m_cluster)
        return;
    psql(test::dropDatabase(kDatabase, m_major) +
             QStringLiteral("DROP ROLE IF EXISTS tusk_v_member;\nDROP ROLE IF EXISTS tusk_v_admin;\n"
                            "DROP ROLE IF EXISTS tusk_v_limited;\nDROP ROLE IF EXISTS tusk_v_group;\n"),
         QStringLiteral("postgres"));
}

QString TestVersions::psql(const QString &sql, const QString &database)
{
    auto r = m_cluster->psql(QStringLiteral("primary"), sql, database);
    if (!r.ok()) {
        qWarning("psql failed: %s\n--- SQL:\n%s", qPrintable(r.error()), qPrintable(sql));
        return QStringLiteral("<psql failed>");
    }
    return r->trimmed();
}

QString TestVersions::script(const CatalogObject &object)
{
    QSignalSpy ready(m_generator.get(), &catalog::ScriptGenerator::scriptReady);
    QSignalSpy failed(m_generator.get(), &catalog::ScriptGenerator::scriptFailed);
    m_generator->scriptCreate(object);
    if (!QTest::qWaitFor([&] { return ready.count() + failed.count() > 0; }, 15000))
        return {};
    if (!failed.isEmpty()) {
        qWarning("script failed: %s", qPrintable(failed.first().at(1).value<pg::Error>().toString()));
        return {};
    }
    return ready.first().at(1).toString();
}

CatalogObject TestVersions::object(ObjectKind kind, const QString &oidSql)
{
    CatalogObject o;
    o.kind = kind;
    o.database = kDatabase;
    o.oid = psql(QStringLiteral("SELECT (%1)::oid").arg(oidSql)).toUInt();
    return o;
}

void TestVersions::runsTheMajorAskedFor()
{
    const Rows version = run(*m_session, QStringLiteral("SELECT version()"));
    QVERIFY(version.ok());
    // The log of every run says what really ran.
    qInfo("PostgreSQL %d: %s (%s)", m_major, qPrintable(version.text()),
          qPrintable(m_cluster->binaries().binDir));
    QCOMPARE(m_versionNum / 10000, m_major);
    QCOMPARE(m_session->serverInfo().majorVersion(), m_major);
    QVERIFY2(version.text().startsWith(QStringLiteral("PostgreSQL %1.").arg(m_major)),
             qPrintable(version.text()));
    // The sandbox preloads what the installation has; pg_stat_statements is contrib, so always.
    QVERIFY(m_cluster->binaries().hasExtension(QStringLiteral("pg_stat_statements")));
    QCOMPARE(psql(QStringLiteral("SELECT count(*) > 0 FROM pg_stat_statements"), QStringLiteral("postgres")),
             QStringLiteral("t"));
}

void TestVersions::explainRunsWithTheOptionsTuskEnables_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<bool>("timing");
    QTest::addColumn<bool>("costs");
    const QString select =
        QStringLiteral("SELECT i.label, count(*) FROM vsrc.items i JOIN vsrc.items j ON "
                       "j.id = i.id + 1 WHERE i.price > 10 GROUP BY i.label ORDER BY 2 DESC "
                       "LIMIT 5");
    const QString insert = QStringLiteral("INSERT INTO vsrc.items SELECT g, 'new ' || g, 1 FROM "
                                          "generate_series(100001, 100500) g");
    QTest::newRow("explain, every option") << select << false << true << true;
    QTest::newRow("analyze, every option") << select << true << true << true;
    QTest::newRow("analyze without timing and costs") << select << true << false << false;
    QTest::newRow("analyze of an insert (WAL)") << insert << true << true << true;
}

void TestVersions::explainRunsWithTheOptionsTuskEnables()
{
    QFETCH(QString, statement);
    QFETCH(bool, analyze);
    QFETCH(bool, timing);
    QFETCH(bool, costs);
    sql::ExplainOptions options;
    options.analyze = analyze;
    options.buffers = true;
    options.verbose = true;
    options.settings = true;
    options.wal = true;
    options.timing = timing;
    options.costs = costs;
    const auto prepared = sql::explainStatement(statement, options, m_versionNum);
    QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error()));
    QCOMPARE(prepared->changesData, statement.startsWith(QLatin1String("INSERT")));

    // Which options this major takes, from PostgreSQL's release notes rather than from Tusk.
    const bool buffers = analyze || m_major >= 13;
    const bool wal = analyze && m_major >= 13;
    QStringList dropped;
    if (!buffers)
        dropped << QStringLiteral("BUFFERS (without ANALYZE it needs PostgreSQL 13)");
    if (analyze && !wal)
        dropped << QStringLiteral("WAL (needs PostgreSQL 13)");
    QCOMPARE(prepared->droppedOptions, dropped);
    QCOMPARE(prepared->sql.contains(QLatin1String("BUFFERS")), buffers);
    QCOMPARE(prepared->sql.contains(QLatin1String("WAL")), wal);
    QVERIFY(prepared->sql.contains(QLatin1String("SETTINGS")));

    // As the query tab runs it: a data-changing ANALYZE between BEGIN and ROLLBACK.
    QVERIFY(run(*m_session, QStringLiteral("SET work_mem = '7MB'")).ok());
    if (prepared->changesData)
        QVERIFY(run(*m_session, QStringLiteral("BEGIN")).ok());
    const Rows result = run(*m_session, prepared->sql);
    if (prepared->changesData)
        QVERIFY(run(*m_session, QStringLiteral("ROLLBACK")).ok());
    QVERIFY(run(*m_session, QStringLiteral("RESET work_mem")).ok());
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() + u'\n' + prepared->sql
                                                  : QStringLiteral("timed out")));
    const QString json = result.text();

    const auto plan = explain::JsonPlanParser::parse(json);
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString() + u'\n' + json));
    QVERIFY(!plan->isEmpty());
    QCOMPARE(plan->root().hasActuals, analyze);
    QCOMPARE(plan->executionTimeMs.has_value(), analyze);
    QCOMPARE(plan->settings.value(QStringLiteral("work_mem")).toString(), QStringLiteral("7MB"));
    QVERIFY2(std::any_of(plan->nodes.cbegin(), plan->nodes.cend(),
                         [](const explain::PlanNode &n) { return !n.output.isEmpty(); }),
             "VERBOSE gives the nodes their output columns");
    QCOMPARE(json.contains(QLatin1String("\"Shared Hit Blocks\"")), buffers);
    QCOMPARE(json.contains(QLatin1String("\"WAL Records\"")), wal);
    QCOMPARE(json.contains(QLatin1String("\"Total Cost\"")), costs);
    QCOMPARE(json.contains(QLatin1String("\"Actual Total Time\"")), analyze && timing);
    if (analyze && statement.startsWith(QLatin1String("INSERT"))) {
        QCOMPARE(plan->root().nodeType, QStringLiteral("ModifyTable"));
        if (wal)
            QVERIFY(plan->root().extra.value(QStringLiteral("WAL Records")).toDouble() >= 500);
        QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM vsrc.items WHERE id > 100000")),
                 QStringLiteral("0"));
    } else {
        QCOMPARE(plan->root().nodeType, QStringLiteral("Limit"));
    }
    if (analyze)
        QCOMPARE(plan->root().actualRows, prepared->changesData ? 0.0 : 5.0);

    // The same statement in TEXT, as a user pastes it, reads as the same tree.
    QString textSql = prepared->sql;
    textSql.replace(QLatin1String("FORMAT JSON"), QLatin1String("FORMAT TEXT"));
    if (prepared->changesData)
        QVERIFY(run(*m_session, QStringLiteral("BEGIN")).ok());
    const Rows text = run(*m_session, textSql);
    if (prepared->changesData)
        QVERIFY(run(*m_session, QStringLiteral("ROLLBACK")).ok());
    QVERIFY(text.ok());
    const auto textPlan = explain::TextPlanParser::parse(text.text());
    QVERIFY2(textPlan.ok(),
             qPrintable(textPlan.ok() ? QString() : textPlan.error().toString() + u'\n' + text.text()));
    QCOMPARE(textPlan->nodes.size(), plan->nodes.size());
    for (qsizetype i = 0; i < plan->nodes.size(); ++i) {
        QCOMPARE(textPlan->nodes[i].nodeType, plan->nodes[i].nodeType);
        QCOMPARE(textPlan->nodes[i].relationName, plan->nodes[i].relationName);
        if (analyze)
            QCOMPARE(textPlan->nodes[i].actualLoops, plan->nodes[i].actualLoops);
    }
}

void TestVersions::explainOptionsTuskLeavesOutAreRefused()
{
    // The gating is exact: what Tusk drops for a major, that major refuses.
    const auto refused = [this](const QString &sql) {
        const Rows r = run(*m_session, sql);
        // 22023 (BUFFERS needs ANALYZE) or 42601 (an option the server does not know).
        return !r.ok() && r.error && !r.error->sqlState.isEmpty();
    };
    QCOMPARE(refused(QStringLiteral("EXPLAIN (FORMAT JSON, BUFFERS) SELECT 1")), m_major < 13);
    QCOMPARE(refused(QStringLiteral("EXPLAIN (FORMAT JSON, ANALYZE, WAL) SELECT 1")), m_major < 13);
    QVERIFY(!refused(QStringLiteral("EXPLAIN (FORMAT JSON, SETTINGS) SELECT 1")));
}

void TestVersions::newerExplainOutputParses()
{
    // Options Tusk does not send but users paste plans of: GENERIC_PLAN (16), SERIALIZE and MEMORY (17).
    if (m_major < 16)
        QSKIP("GENERIC_PLAN, SERIALIZE and MEMORY need PostgreSQL 16 and 17");
    const Rows generic = run(*m_session, QStringLiteral("EXPLAIN (FORMAT JSON, GENERIC_PLAN) SELECT * FROM "
                                                        "vsrc.items WHERE id = $1"));
    QVERIFY2(generic.ok(), qPrintable(generic.error ? generic.error->toString() : QString()));
    const auto genericPlan = explain::JsonPlanParser::parse(generic.text());
    QVERIFY(genericPlan.ok());
    QCOMPARE(genericPlan->root().nodeType, QStringLiteral("Index Scan"));
    QVERIFY2(genericPlan->root().indexCond.contains(QLatin1String("$1")),
             qPrintable(genericPlan->root().indexCond));
    if (m_major < 17)
        return;
    for (const char *format : {"JSON", "TEXT"}) {
        const Rows r =
            run(*m_session, QStringLiteral("EXPLAIN (FORMAT %1, ANALYZE, SERIALIZE, MEMORY, BUFFERS) "
                                           "SELECT * FROM vsrc.items WHERE id < 100")
                                .arg(QLatin1String(format)));
        QVERIFY(r.ok());
        const auto p = QLatin1String(format) == QLatin1String("JSON")
                           ? explain::JsonPlanParser::parse(r.text())
                           : explain::TextPlanParser::parse(r.text());
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().toString() + u'\n' + r.text()));
        QVERIFY(!p->isEmpty());
        QCOMPARE(p->root().actualRows, 99.0);
        QVERIFY(p->executionTimeMs.has_value());
    }
}

void TestVersions::completionListsKeywordsTablesColumnsAndFunctions()
{
    sql::CompletionCatalog completion;
    QSignalSpy loaded(&completion, &sql::CompletionCatalog::loaded);
    QSignalSpy failed(&completion, &sql::CompletionCatalog::failed);
    completion.load(m_session.get());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 15000);
    QVERIFY2(failed.isEmpty(),
             qPrintable(failed.isEmpty() ? QString() : failed.first().at(0).value<pg::Error>().toString()));
    QVERIFY(
        completion.complete(QStringLiteral("ite"), QStringLiteral("vsrc")).contains(QStringLiteral("items")));
    QVERIFY(completion.complete(QStringLiteral("measures_2"), QString())
                .contains(QStringLiteral("measures_2024")));
    QCOMPARE(
        completion.complete(QString(), QStringLiteral("i"), QStringLiteral("SELECT i. FROM vsrc.items i")),
        (QStringList{QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("price")}));
    QVERIFY(completion.complete(QStringLiteral("generate_ser"), QString())
                .contains(QStringLiteral("generate_series")));
    QVERIFY(
        completion.complete(QStringLiteral("sta"), QStringLiteral("vsrc")).contains(QStringLiteral("stamp")));
    // The keywords are the server's own: MERGE is one from 15 on.
    const QStringList keywords = completion.keywords();
    QVERIFY(keywords.contains(QStringLiteral("select"), Qt::CaseInsensitive));
    QCOMPARE(keywords.contains(QStringLiteral("merge"), Qt::CaseInsensitive), m_major >= 15);
}

void TestVersions::partitionedTablesScriptTriggersConstraintsAndIndexesOnce()
{
    const QString parentSql =
        script(object(ObjectKind::PartitionedTable, QStringLiteral("'vsrc.measures'::regclass")));
    const QString partitionSql =
        script(object(ObjectKind::Partition, QStringLiteral("'vsrc.measures_2024'::regclass")));
    const QString restSql =
        script(object(ObjectKind::Partition, QStringLiteral("'vsrc.measures_rest'::regclass")));
    QVERIFY(!parentSql.isEmpty() && !partitionSql.isEmpty() && !restSql.isEmpty());
    QCOMPARE(parentSql.count(QLatin1String("CREATE TRIGGER measures_stamp")), 1);
    QVERIFY2(parentSql.contains(QLatin1String("REFERENCES vsrc.items(id)")), qPrintable(parentSql));
    QVERIFY2(parentSql.contains(QLatin1String("CREATE INDEX measures_item_idx")), qPrintable(parentSql));
    // A partition's clones of the parent's trigger (internal up to 12, tgparentid from 13), foreign
    // key, check and index come with PARTITION OF.
    for (const QString &sql : {partitionSql, restSql}) {
        for (const char *cloned : {"measures_stamp", "REFERENCES", "v_positive", "CREATE INDEX"})
            QVERIFY2(!sql.contains(QLatin1String(cloned)), qPrintable(QLatin1String(cloned) + u'\n' + sql));
    }

    // Run back in a fresh schema, the copy has the same triggers, constraints and indexes.
    const QString items = script(object(ObjectKind::Table, QStringLiteral("'vsrc.items'::regclass")));
    const QString stamp = script(object(ObjectKind::Function, QStringLiteral("'vsrc.stamp'::regproc")));
    QString copy =
        QStringLiteral("CREATE SCHEMA vcopy;\n") + items + stamp + parentSql + partitionSql + restSql;
    copy.replace(QLatin1String("vsrc"), QLatin1String("vcopy"));
    QVERIFY2(psql(copy) != QLatin1String("<psql failed>"), qPrintable(copy));
    const QString facts = QStringLiteral(
        "SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
        "SELECT c.relname || ' trigger ' || t.tgname AS x FROM pg_trigger t JOIN pg_class c ON c.oid = "
        "t.tgrelid "
        "WHERE c.relnamespace = '%1'::regnamespace AND t.tgname NOT LIKE 'RI\\_%' "
        "UNION ALL SELECT c.relname || ' constraint ' || n.conname || ' ' || "
        "replace(pg_get_constraintdef(n.oid), "
        "'%1.', '') FROM pg_constraint n JOIN pg_class c ON c.oid = n.conrelid WHERE c.relnamespace = "
        "'%1'::regnamespace "
        "UNION ALL SELECT c.relname || ' index ' || replace(pg_get_indexdef(x.indexrelid), '%1.', '') FROM "
        "pg_index x JOIN pg_class c ON c.oid = x.indrelid WHERE c.relnamespace = '%1'::regnamespace) f "
        "WHERE x ~ '^(items|measures)'");
    const QString original = psql(facts.arg(QLatin1String("vsrc")));
    QVERIFY(original.contains(QLatin1String("measures_2024 trigger measures_stamp")));
    QVERIFY(sameLines(psql(facts.arg(QLatin1String("vcopy"))), original));
    psql(QStringLiteral("DROP SCHEMA vcopy CASCADE"));
}

void TestVersions::loaderGivesRowEstimatesOnlyOnceThereAreSome()
{
    // reltuples is -1 before the first ANALYZE since 14, and 0 before: the loader tells the two
    // apart on every major (CatalogObject::rowEstimate -1 means "none yet").
    if (m_major < 15) {
        // Before 15 the statistics counters arrive through the collector, a moment late.
        QTRY_COMPARE_WITH_TIMEOUT(
            psql(QStringLiteral("SELECT pg_stat_get_analyze_count('vsrc.empty'::regclass)")),
            QStringLiteral("1"), 10000);
    }
    catalog::CatalogLoader loader(m_session.get());
    CatalogObject folder;
    folder.kind = ObjectKind::Folder;
    folder.contentKind = ObjectKind::Table;
    folder.database = kDatabase;
    folder.parentOid = psql(QStringLiteral("SELECT 'vsrc'::regnamespace::oid")).toUInt();
    QSignalSpy loaded(&loader, &catalog::CatalogLoader::childrenLoaded);
    QSignalSpy failed(&loader, &catalog::CatalogLoader::loadFailed);
    loader.loadChildren(folder);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 15000);
    QVERIFY(failed.isEmpty());
    QHash<QString, CatalogObject> tables;
    for (const CatalogObject &o : loaded.first().at(1).value<QList<CatalogObject>>())
        tables.insert(o.name, o);
    QVERIFY2(tables.contains(QStringLiteral("items")) && tables.contains(QStringLiteral("measures")),
             qPrintable(tables.keys().join(u' ')));
    QVERIFY(!tables.contains(QStringLiteral("measures_2024"))); // partitions are below their table
    QCOMPARE(tables.value(QStringLiteral("items")).rowEstimate, 2000);
    QCOMPARE(tables.value(QStringLiteral("measures")).kind, ObjectKind::PartitionedTable);
    QCOMPARE(tables.value(QStringLiteral("measures")).extra, QStringLiteral("RANGE (at)"));
    QCOMPARE(tables.value(QStringLiteral("empty")).rowEstimate, 0);
    QCOMPARE(tables.value(QStringLiteral("fresh")).rowEstimate, -1);
    QCOMPARE(tables.value(QStringLiteral("fresh_parts")).rowEstimate, -1);
    QVERIFY(tables.value(QStringLiteral("fresh")).sizeBytes > 0);
}

void TestVersions::newerColumnsConstraintsAndFunctionsScriptBack()
{
    // Generated columns (STORED 12, VIRTUAL 18), UNIQUE NULLS NOT DISTINCT (15), NOT NULL
    // constraints with names, NO INHERIT and NOT VALID (18), SQL-standard function bodies (14).
    QStringList tables{QStringLiteral("gen")};
    if (m_major >= 15)
        tables << QStringLiteral("nnd");
    if (m_major >= 18)
        tables << QStringLiteral("virt") << QStringLiteral("nn");
    QString copy = QStringLiteral("CREATE SCHEMA vnew;\n");
    for (const QString &t : tables)
        copy += script(object(ObjectKind::Table, QStringLiteral("'vsrc.%1'::regclass").arg(t)));
    if (m_major >= 14)
        copy += script(object(ObjectKind::Function, QStringLiteral("'vsrc.plus_one'::regproc")));
    QVERIFY(copy.contains(QLatin1String("GENERATED ALWAYS AS ((a * 2)) STORED")));
    QCOMPARE(copy.contains(QLatin1String("GENERATED ALWAYS AS ((a * 3)) VIRTUAL")), m_major >= 18);
    QCOMPARE(copy.contains(QLatin1String("UNIQUE NULLS NOT DISTINCT (a)")), m_major >= 15);
    if (m_major >= 18) {
        for (const char *part : {"a integer CONSTRAINT a_required NOT NULL,",
                                 "b integer NOT NULL NO INHERIT,", "c integer,", "d integer NOT NULL\n",
                                 "ALTER TABLE vsrc.nn ADD CONSTRAINT c_checked_later NOT NULL c NOT VALID;"})
            QVERIFY2(copy.contains(QLatin1String(part)), qPrintable(QLatin1String(part) + u'\n' + copy));
    }
    copy.replace(QLatin1String("vsrc"), QLatin1String("vnew"));
    QVERIFY2(psql(copy) != QLatin1String("<psql failed>"), qPrintable(copy));
    // Columns, constraints and function bodies of both schemas, without the schema names.
    const QString facts = QStringLiteral(
        "SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
        "SELECT concat_ws('|', c.relname, a.attname, a.attnotnull, a.attgenerated, pg_get_expr(d.adbin, "
        "d.adrelid)) AS x FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d "
        "ON "
        "d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE c.relnamespace = '%1'::regnamespace AND "
        "c.relname "
        "IN ('gen', 'nnd', 'virt', 'nn') AND a.attnum > 0 AND NOT a.attisdropped "
        "UNION ALL SELECT concat_ws('|', c.relname, n.conname, n.contype, n.connoinherit, n.convalidated, "
        "pg_get_constraintdef(n.oid)) FROM pg_constraint n JOIN pg_class c ON c.oid = n.conrelid WHERE "
        "c.relnamespace = '%1'::regnamespace AND c.relname IN ('gen', 'nnd', 'virt', 'nn') "
        "UNION ALL SELECT replace(pg_get_functiondef(p.oid), '%1.', '') FROM pg_proc p WHERE "
        "p.pronamespace = '%1'::regnamespace AND p.proname = 'plus_one') f");
    const QString original = psql(facts.arg(QLatin1String("vsrc")));
    QVERIFY2(original.contains(QLatin1String("gen|twice")), qPrintable(original));
    QVERIFY(sameLines(psql(facts.arg(QLatin1String("vnew"))), original));
    QCOMPARE(psql(QStringLiteral("INSERT INTO vnew.gen (a) VALUES (21) RETURNING twice")),
             QStringLiteral("42"));
    if (m_major >= 14)
        QCOMPARE(psql(QStringLiteral("SELECT vnew.plus_one(41)")), QStringLiteral("42"));
    psql(QStringLiteral("DROP SCHEMA vnew CASCADE"));
}

void TestVersions::sequencesScriptBack()
{
    QStringList sequences{QStringLiteral("plain_seq")};
    if (m_major >= 15)
        sequences << QStringLiteral("unlogged_seq"); // UNLOGGED sequences: 15
    QString copy = QStringLiteral("CREATE SCHEMA vseq;\n");
    for (const QString &s : sequences)
        copy += script(object(ObjectKind::Sequence, QStringLiteral("'vsrc.%1'::regclass").arg(s)));
    copy.replace(QLatin1String("vsrc"), QLatin1String("vseq"));
    QVERIFY2(psql(copy) != QLatin1String("<psql failed>"), qPrintable(copy));
    const QString facts = QStringLiteral(
        "SELECT string_agg(concat_ws('|', c.relname, c.relpersistence, s.seqtypid::regtype, s.seqstart, "
        "s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle), ',' ORDER BY c.relname) FROM "
        "pg_sequence s "
        "JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace = '%1'::regnamespace");
    QCOMPARE(psql(facts.arg(QLatin1String("vseq"))), psql(facts.arg(QLatin1String("vsrc"))));
    psql(QStringLiteral("DROP SCHEMA vseq CASCADE"));
}

void TestVersions::databasesScriptWithTheirLocaleProvider()
{
    // libc everywhere; ICU from 15; the builtin provider from 17.
    QStringList create{QStringLiteral("CREATE DATABASE tusk_v_libc TEMPLATE template0 ENCODING 'UTF8' "
                                      "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'")};
    if (m_major >= 15)
        create << QStringLiteral(
            "CREATE DATABASE tusk_v_icu TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER "
            "icu ICU_LOCALE 'de-DE' LOCALE 'C.UTF-8'");
    if (m_major >= 17)
        create << QStringLiteral("CREATE DATABASE tusk_v_builtin TEMPLATE template0 ENCODING 'UTF8' "
                                 "LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8' LOCALE 'C.UTF-8'");
    const QString provider = m_major >= 15 ? QStringLiteral("datlocprovider") : QStringLiteral("'c'");
    const QString locale = m_major >= 17   ? QStringLiteral("datlocale")
                           : m_major >= 15 ? QStringLiteral("daticulocale")
                                           : QStringLiteral("''");
    for (const QString &sql : create) {
        const QString name = sql.section(u' ', 2, 2);
        const QString copyName = name + QStringLiteral("_copy");
        psql(test::dropDatabase(name, m_major) + test::dropDatabase(copyName, m_major),
             QStringLiteral("postgres"));
        QVERIFY(psql(sql + u';', QStringLiteral("postgres")) != QLatin1String("<psql failed>"));
        const QString scripted =
            script(object(ObjectKind::Database,
                          QStringLiteral("(SELECT oid FROM pg_database WHERE datname = '%1')").arg(name)));
        QVERIFY2(scripted.startsWith(QStringLiteral("CREATE DATABASE %1\n").arg(name)), qPrintable(scripted));
        QVERIFY2(psql(QString(scripted).replace(name, copyName), QStringLiteral("postgres")) !=
                     QLatin1String("<psql failed>"),
                 qPrintable(scripted));
        const QString facts =
            QStringLiteral("SELECT concat_ws('|', pg_encoding_to_char(encoding), datcollate, "
                           "datctype, %1, %2) FROM pg_database WHERE datname = '%3'")
                .arg(provider, locale);
        QCOMPARE(psql(facts.arg(copyName), QStringLiteral("postgres")),
                 psql(facts.arg(name), QStringLiteral("postgres")));
        psql(test::dropDatabase(name, m_major) + test::dropDatabase(copyName, m_major),
             QStringLiteral("postgres"));
    }
}

void TestVersions::rolesScriptEachMembershipOnce()
{
    const QString member = script(object(ObjectKind::Role, QStringLiteral("'tusk_v_member'::regrole")));
    QVERIFY2(member.startsWith(QLatin1String("CREATE ROLE tusk_v_member WITH\n    LOGIN\n")),
             qPrintable(member));
    QCOMPARE(member.count(QLatin1String("GRANT tusk_v_group TO tusk_v_member")), 1);
    const QString admin = script(object(ObjectKind::Role, QStringLiteral("'tusk_v_admin'::regrole")));
    QVERIFY2(admin.contains(QLatin1String("GRANT tusk_v_group TO tusk_v_admin WITH ADMIN OPTION;")),
             qPrintable(admin));

    // Run back under another name, each role has the same memberships with the same options.
    QStringList roles{QStringLiteral("tusk_v_member"), QStringLiteral("tusk_v_admin")};
    if (m_major >= 16)
        roles << QStringLiteral("tusk_v_limited");
    const QString options = m_major >= 16
                                ? QStringLiteral("bool_or(m.admin_option), bool_or(m.inherit_option), "
                                                 "bool_or(m.set_option)")
                                : QStringLiteral("bool_or(m.admin_option)");
    const QString facts =
        QStringLiteral(
            "SELECT r.rolinherit::text || ' ' || coalesce((SELECT string_agg(g.rolname || '|' || a.o, ',' "
            "ORDER BY g.rolname) FROM (SELECT m.roleid, concat_ws('|', %1) AS o FROM pg_auth_members m "
            "WHERE m.member = r.oid GROUP BY m.roleid) a JOIN pg_roles g ON g.oid = a.roleid), '') FROM "
            "pg_roles r WHERE r.rolname = '%2'")
            .arg(options);
    for (const QString &role : roles) {
        const QString sql = script(object(ObjectKind::Role, QStringLiteral("'%1'::regrole").arg(role)));
        QVERIFY(!sql.isEmpty());
        const QString copy = role + QStringLiteral("_copy");
        psql(QStringLiteral("DROP ROLE IF EXISTS %1").arg(copy));
        QVERIFY2(psql(QString(sql).replace(role, copy)) != QLatin1String("<psql failed>"), qPrintable(sql));
        const QString original = psql(facts.arg(role));
        QVERIFY2(original.contains(QLatin1String("tusk_v_group")), qPrintable(original));
        QCOMPARE(psql(facts.arg(copy)), original);
        psql(QStringLiteral("DROP ROLE %1").arg(copy));
    }
}

void TestVersions::replicasNeedTheMajorsOwnPgBasebackup()
{
    const auto b = tools::PostgresBinaries::find(m_major);
    QVERIFY(b.ok());
    QCOMPARE(b->clientMajorVersion, m_cluster->binaries().clientMajorVersion);
    if (b->clientMajorVersion == m_major)
        QSKIP("this installation has its own pg_basebackup (replicas are tst_localcluster's)");
    QTemporaryDir tmp;
    auto refused = sandbox::LocalCluster::up(
        {.dir = tmp.filePath(QStringLiteral("sb")), .replicas = 1, .postgresMajor = m_major});
    if (refused.ok())
        refused->down(); // never leave servers behind, whatever the verdict
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("pg_basebackup")) &&
                 refused.error().contains(QLatin1String("primary alone")),
             qPrintable(refused.error()));
    QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("sb"))));
}

QTEST_GUILESS_MAIN(TestVersions)
#include "tst_versions.moc"
