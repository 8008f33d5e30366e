// The catalog loader, object tree model and script generator against the fixture's primary, on a
// database of their own holding hostile names, a sub-partitioned table and one object of each kind.

#include "../../common/dropdatabase.h"
#include "../../common/fixture.h"
#include "catalog/catalogloader.h"
#include "catalog/databaserunners.h"
#include "catalog/objecttreemodel.h"
#include "catalog/scriptgenerator.h"
#include "pg/quoting.h"
#include "pg/session.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace tusk;
using namespace tusk::catalog;
using Role = ObjectTreeModel::Role;
using RowType = ObjectTreeModel::RowType;

namespace {

const QString kDatabase = QStringLiteral("tusk_catalog_test");
const QString kSchema = QStringLiteral("Odd \"Schema\"");
const QString kCopy = QStringLiteral("Copy \"Schema\"");
const QString kReader = QStringLiteral("tusk_catalog_reader");
const QString kOther = QStringLiteral("tusk catalog \"other\"");
const QString kGone = QStringLiteral("tusk_catalog_gone");
const QString kReaderPassword = QStringLiteral("reader-secret-1");

// The schema every test browses. Quoted names on purpose: keywords, mixed case, spaces, quotes.

const char *const kSetup = R"sql(
CREATE SCHEMA "Odd ""Schema""";
CREATE SCHEMA plain;
CREATE TABLE plain.t (a int);
SET search_path = "Odd ""Schema""";
CREATE TYPE "Mood" AS ENUM ('sad', 'ok', 'it''s fine');
CREATE TYPE "Money Pair" AS (amount numeric(12,2), currency char(3) COLLATE "C");
CREATE DOMAIN positive_int AS integer DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
CREATE SEQUENCE "Ticket Seq" START 100 INCREMENT 5;
CREATE FUNCTION "Add"(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT a + b $$;
CREATE TABLE "Events" (
    id bigint GENERATED ALWAYS AS IDENTITY,
    "Created At" timestamptz NOT NULL DEFAULT now(),
    region text NOT NULL DEFAULT 'eu',
    mood "Mood",
    qty positive_int,
    amount numeric(12,2) CHECK (amount >= 0),
    total numeric GENERATED ALWAYS AS (amount * 2) STORED,
    note varchar(40) COLLATE "C",
    PRIMARY KEY (id, "Created At", region)
) PARTITION BY RANGE ("Created At");
COMMENT ON TABLE "Events" IS 'Everything that happened, by time';
COMMENT ON COLUMN "Events".region IS 'Region code, it''s two letters';
CREATE TABLE "Events 2023" PARTITION OF "Events" FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE events_2024 PARTITION OF "Events" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (region);
CREATE TABLE events_2024_eu PARTITION OF events_2024 FOR VALUES IN ('eu');
CREATE TABLE events_2024_other PARTITION OF events_2024 DEFAULT;
CREATE TABLE events_default PARTITION OF "Events" DEFAULT;
CREATE INDEX "Events by region" ON "Events" (region, lower(note));
CREATE TABLE "Customers" (id int PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE "Select" ("Order" int PRIMARY KEY, "from" text, customer int REFERENCES "Customers" (id));
CREATE INDEX select_from_idx ON "Select" ("from") WHERE "from" IS NOT NULL;
COMMENT ON INDEX select_from_idx IS 'Partial: only rows with a sender';
CREATE VIEW "Recent ""Events""" AS
    SELECT id, "Created At", region, amount FROM "Events" WHERE "Created At" > '2023-06-01';
CREATE MATERIALIZED VIEW region_totals AS
    SELECT region, sum(amount) AS total, count(*) AS n FROM "Events" GROUP BY region;
CREATE UNIQUE INDEX region_totals_region ON region_totals (region);
CREATE PROCEDURE archive_before(cutoff timestamptz) LANGUAGE plpgsql
    AS $$ BEGIN DELETE FROM "Events" WHERE "Created At" < cutoff; END $$;
INSERT INTO "Events" ("Created At", region, mood, qty, amount, note)
    SELECT timestamptz '2023-01-01' + (i % 700) * interval '1 day', CASE WHEN i % 3 = 0 THEN 'eu' ELSE 'us' END,
           'ok', 1 + i % 5, i % 100, 'n' || i
    FROM generate_series(1, 3000) i;
INSERT INTO "Events" ("Created At", region, amount) SELECT '2026-01-01', 'eu', 1 FROM generate_series(1, 50);
REFRESH MATERIALIZED VIEW region_totals;
CREATE FUNCTION add_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + $2 $$;
CREATE AGGREGATE "Total"(integer) (SFUNC = add_state, STYPE = integer, INITCOND = '0');
CREATE TYPE float_range AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
CREATE UNLOGGED TABLE audit_base (at timestamptz DEFAULT now(), who text)
    WITH (fillfactor = 70, autovacuum_enabled = false);
CREATE TABLE audit_child (detail jsonb) INHERITS (audit_base);
ALTER TABLE audit_child ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER touch_at BEFORE INSERT ON audit_child FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TRIGGER touch_at ON audit_child IS 'Stamps the row';
CREATE FOREIGN DATA WRAPPER tusk_dummy_fdw;
CREATE SERVER "Remote Box" FOREIGN DATA WRAPPER tusk_dummy_fdw;
CREATE FOREIGN TABLE remote_items (id int OPTIONS (column_name 'item_id') NOT NULL, label text)
    SERVER "Remote Box" OPTIONS (table_name 'it''s items');
ANALYZE;
)sql";

} // namespace

class TestCatalogLoader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsDatabasesRolesAndTablespacesAtTheTop();
    void hidesSystemSchemasUnlessAsked();
    void listsEveryKindInAHostileSchema();
    void partitionedTableChildrenArePartitionsWithBounds();
    void reportsSizesAndRowEstimatesAfterAnalyze();
    void tableChildrenAreColumnsAndIndexes();
    void scriptedTablesAndViewsRecreateEqualColumns();
    void scriptsOfOtherKindsRun();
    void scriptsOfRarerKindsRun();
    void scriptAsSelectRuns();
    void permissionDeniedBecomesAnErrorRow();
    void lostConnectionBecomesAnErrorRowAndRefreshRecovers();
    void browsesAnotherDatabaseThroughItsOwnSession();
    void aDatabaseThatCannotBeReachedBecomesAnErrorRow();

private:
    /// A session on the test database with a loader, a model and a model tester.
    struct Tree
    {
        std::unique_ptr<pg::Session> session;
        std::unique_ptr<CatalogLoader> loader;
        std::unique_ptr<ObjectTreeModel> model;
        std::unique_ptr<QAbstractItemModelTester> tester;
    };
    std::unique_ptr<Tree> openTree(const QString &user = {}, const QString &password = {});
    /// Fetches index's children and waits until they (or an error row) are there.
    static bool load(ObjectTreeModel &model, const QModelIndex &index);
    /// The loaded child whose object is called name (folders: by content kind), or invalid.
    static QModelIndex child(ObjectTreeModel &model, const QModelIndex &parent, const QString &name);
    static QModelIndex folder(ObjectTreeModel &model, const QModelIndex &parent, ObjectKind content);
    static QModelIndex schemaIndex(ObjectTreeModel &model, const QString &schema);
    static QModelIndex objectIndex(ObjectTreeModel &model, ObjectKind folderKind, const QString &name);
    /// Runs Script as CREATE/SELECT to completion; a null QString on failure (error in *error).
    static QString script(ScriptGenerator &generator, const CatalogObject &object, bool create,
                          pg::Error *error = nullptr);
    QString psql(const QString &sql, const QString &database = kDatabase);
    /// information_schema's view of a relation's columns, without the schema names.
    QString columnsOf(const QString &schema, const QString &relation);

    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
    int m_major = 0; ///< the server's major version
};

void TestCatalogLoader::initTestCase()
{
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        TUSK_SKIP_WITHOUT_FIXTURE();
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
    auto version = m_cluster->psql(QStringLiteral("primary"), QStringLiteral("SHOW server_version_num"));
    QVERIFY2(version.ok(), qPrintable(version.ok() ? QString() : version.error()));
    m_major = version->trimmed().toInt() / 10000;
    const QString db = pg::quoteIdentifier(kDatabase);
    const QString reader = pg::quoteIdentifier(kReader);
    auto r = m_cluster->psql(QStringLiteral("primary"),
                             test::dropDatabase(kDatabase, m_major) +
                                 QStringLiteral("DROP ROLE IF EXISTS %1;\nCREATE DATABASE %2;\n"
                                                "CREATE ROLE %1 LOGIN PASSWORD %3;\n")
                                     .arg(reader, db, pg::quoteLiteral(kReaderPassword)) +
                                 test::dropDatabase(kOther, m_major) +
                                 QStringLiteral("CREATE DATABASE %1;\n").arg(pg::quoteIdentifier(kOther)));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
    r = m_cluster->psql(
        QStringLiteral("primary"),
        QStringLiteral("CREATE TABLE \"Other \"\"Table\"\"\" (id int PRIMARY KEY, label text);"), kOther);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
    r = m_cluster->psql(QStringLiteral("primary"), QString::fromUtf8(kSetup), kDatabase);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
}

void TestCatalogLoader::cleanupTestCase()
{
    if (!m_cluster)
        return;
    m_cluster->psql(QStringLiteral("primary"),
                    test::dropDatabase(kDatabase, m_major) +
                        QStringLiteral("DROP ROLE IF EXISTS %1;\n").arg(pg::quoteIdentifier(kReader)) +
                        test::dropDatabase(kOther, m_major) + test::dropDatabase(kGone, m_major));
}

std::unique_ptr<TestCatalogLoader::Tree> TestCatalogLoader::openTree(const QString &user,
                                                                     const QString &password)
{
    auto t = std::make_unique<Tree>();
    t->session = std::make_unique<pg::Session>(QStringLiteral("tusk-catalog-test"));
    pg::ConnectionParams params = test::paramsFor(m_uri);
    params.set(QStringLiteral("dbname"), kDatabase);
    if (!user.isEmpty()) {
        params.set(QStringLiteral("user"), user);
        params.set(QStringLiteral("password"), password);
    }
    QSignalSpy connected(t->session.get(), &pg::Session::connected);
    t->session->connectTo(params);
    if (!connected.wait(15000))
        return nullptr;
    t->loader = std::make_unique<CatalogLoader>(t->session.get());
    t->model = std::make_unique<ObjectTreeModel>(t->loader.get());
    // The tester walks (and so fetches) the whole tree after every change: every node the tests
    // load is checked against the model rules as it arrives.
    t->tester = std::make_unique<QAbstractItemModelTester>(
        t->model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    return t;
}

bool TestCatalogLoader::load(ObjectTreeModel &model, const QModelIndex &index)
{
    if (model.canFetchMore(index))
        model.fetchMore(index);
    return QTest::qWaitFor([&] { return !model.canFetchMore(index) && !model.isLoading(index); }, 15000);
}

QModelIndex TestCatalogLoader::child(ObjectTreeModel &model, const QModelIndex &parent, const QString &name)
{
    if (!load(model, parent))
        return {};
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        if (model.object(i).name == name)
            return i;
    }
    return {};
}

QModelIndex TestCatalogLoader::folder(ObjectTreeModel &model, const QModelIndex &parent, ObjectKind content)
{
    if (!load(model, parent))
        return {};
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        if (model.object(i).isFolder() && model.object(i).contentKind == content)
            return i;
    }
    return {};
}

QModelIndex TestCatalogLoader::schemaIndex(ObjectTreeModel &model, const QString &schema)
{
    return child(model, child(model, {}, kDatabase), schema);
}

QModelIndex TestCatalogLoader::objectIndex(ObjectTreeModel &model, ObjectKind folderKind, const QString &name)
{
    return child(model, folder(model, schemaIndex(model, kSchema), folderKind), name);
}

QString TestCatalogLoader::script(ScriptGenerator &generator, const CatalogObject &object, bool create,
                                  pg::Error *error)
{
    QSignalSpy ready(&generator, &ScriptGenerator::scriptReady);
    QSignalSpy failed(&generator, &ScriptGenerator::scriptFailed);
    const quint64 id = create ? generator.scriptCreate(object) : generator.scriptSelect(object);
    if (!QTest::qWaitFor([&] { return ready.count() + failed.count() > 0; }, 15000))
        return {};
    if (!failed.isEmpty()) {
        if (error)
            *error = failed.first().at(1).value<pg::Error>();
        qWarning("script failed: %s", qPrintable(failed.first().at(1).value<pg::Error>().toString()));
        return {};
    }
    if (ready.first().at(0).toULongLong() != id)
        return {};
    return ready.first().at(1).toString();
}

QString TestCatalogLoader::psql(const QString &sql, const QString &database)
{
    auto r = m_cluster->psql(QStringLiteral("primary"), sql, database);
    if (!r.ok()) {
        qWarning("psql failed: %s\n--- SQL:\n%s", qPrintable(r.error()), qPrintable(sql));
        return QStringLiteral("<psql failed>");
    }
    return r->trimmed();
}

QString TestCatalogLoader::columnsOf(const QString &schema, const QString &relation)
{
    return psql(
        QStringLiteral("SELECT string_agg(concat_ws('|', column_name, ordinal_position, data_type, "
                       "is_nullable, column_default, is_identity, identity_generation, is_generated, "
                       "generation_expression, collation_name, character_maximum_length, "
                       "numeric_precision, numeric_scale, udt_name, domain_name), E'\\n' ORDER BY "
                       "ordinal_position) FROM information_schema.columns WHERE table_schema = %1 AND "
                       "table_name = %2")
            .arg(pg::quoteLiteral(schema), pg::quoteLiteral(relation)));
}

void TestCatalogLoader::listsDatabasesRolesAndTablespacesAtTheTop()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    QVERIFY(load(m, {}));
    const QModelIndex db = child(m, {}, kDatabase);
    QVERIFY(db.isValid());
    QCOMPARE(db.data(Role::Kind).value<ObjectKind>(), ObjectKind::Database);
    QVERIFY(m.object(db).isCurrent);
    QVERIFY(m.hasChildren(db));
    QVERIFY(m.object(db).sizeBytes > 0);
    // Another database is listed and browsable (through a connection of its own, see below).
    const QModelIndex other = child(m, {}, QStringLiteral("postgres"));
    QVERIFY(other.isValid());
    QVERIFY(!m.object(other).isCurrent);
    QVERIFY(m.hasChildren(other));
    QVERIFY(other.data(Qt::ToolTipRole).toString().contains(QLatin1String("connection of its own")));
    QVERIFY(!child(m, {}, QStringLiteral("template1")).isValid());

    const QModelIndex roles = folder(m, {}, ObjectKind::Role);
    QVERIFY(roles.isValid());
    QVERIFY(child(m, roles, QStringLiteral("tusk")).isValid());
    QVERIFY(child(m, roles, kReader).isValid());
    QVERIFY2(!child(m, roles, QStringLiteral("pg_monitor")).isValid(),
             "built-in roles are hidden by default");
    QVERIFY(m.object(child(m, roles, QStringLiteral("tusk"))).extra.contains(QLatin1String("superuser")));

    const QModelIndex spaces = folder(m, {}, ObjectKind::Tablespace);
    QVERIFY(spaces.isValid());
    const QModelIndex def = child(m, spaces, QStringLiteral("pg_default"));
    QVERIFY(def.isValid());
    QVERIFY(def.data(Role::SizeBytes).toLongLong() > 0);
}

void TestCatalogLoader::hidesSystemSchemasUnlessAsked()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    const QModelIndex db = child(m, {}, kDatabase);
    QVERIFY(child(m, db, kSchema).isValid());
    QVERIFY(child(m, db, QStringLiteral("plain")).isValid());
    for (const char *hidden : {"pg_catalog", "information_schema", "pg_toast"})
        QVERIFY2(!child(m, db, QLatin1String(hidden)).isValid(), hidden);
    QVERIFY(folder(m, db, ObjectKind::Extension).isValid());

    t->loader->setShowSystemObjects(true);
    m.refresh(db);
    QVERIFY(child(m, db, QStringLiteral("pg_catalog")).isValid());
    QVERIFY(child(m, db, QStringLiteral("information_schema")).isValid());
    m.refresh({});
    QVERIFY(child(m, folder(m, {}, ObjectKind::Role), QStringLiteral("pg_monitor")).isValid());
    QVERIFY(child(m, {}, QStringLiteral("template1")).isValid());
}

void TestCatalogLoader::listsEveryKindInAHostileSchema()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    const QModelIndex schema = schemaIndex(m, kSchema);
    QVERIFY(schema.isValid());
    QCOMPARE(m.object(schema).qualifiedName(), QStringLiteral("\"Odd \"\"Schema\"\"\""));

    const struct
    {
        ObjectKind folder;
        const char *name;
        ObjectKind kind;
    } expected[] = {
        {ObjectKind::Table, "Events", ObjectKind::PartitionedTable},
        {ObjectKind::Table, "Select", ObjectKind::Table},
        {ObjectKind::Table, "Customers", ObjectKind::Table},
        {ObjectKind::View, "Recent \"Events\"", ObjectKind::View},
        {ObjectKind::MaterializedView, "region_totals", ObjectKind::MaterializedView},
        {ObjectKind::Sequence, "Ticket Seq", ObjectKind::Sequence},
        {ObjectKind::Function, "Add", ObjectKind::Function},
        {ObjectKind::Procedure, "archive_before", ObjectKind::Procedure},
        {ObjectKind::Type, "Mood", ObjectKind::Type},
        {ObjectKind::Type, "Money Pair", ObjectKind::Type},
        {ObjectKind::Type, "positive_int", ObjectKind::Type},
    };
    for (const auto &e : expected) {
        const QModelIndex i = objectIndex(m, e.folder, QString::fromUtf8(e.name));
        QVERIFY2(i.isValid(), e.name);
        QCOMPARE(m.object(i).kind, e.kind);
        QCOMPARE(m.object(i).schema, kSchema);
    }
    // Partitions are not tables of the schema; they show under their parent.
    QVERIFY(!objectIndex(m, ObjectKind::Table, QStringLiteral("Events 2023")).isValid());
    // Empty folders are left out; counts are in the folder's name.
    const QModelIndex plain = schemaIndex(m, QStringLiteral("plain"));
    QVERIFY(folder(m, plain, ObjectKind::Table).isValid());
    QVERIFY(!folder(m, plain, ObjectKind::View).isValid());
    QCOMPARE(folder(m, schema, ObjectKind::Table).data().toString(), QStringLiteral("Tables (5)"));
    QCOMPARE(folder(m, schema, ObjectKind::Aggregate).data().toString(), QStringLiteral("Aggregates (1)"));
    const QModelIndex remote = objectIndex(m, ObjectKind::ForeignTable, QStringLiteral("remote_items"));
    QCOMPARE(m.object(remote).extra, QStringLiteral("Remote Box"));

    const CatalogObject add = m.object(objectIndex(m, ObjectKind::Function, QStringLiteral("Add")));
    QCOMPARE(add.extra, QStringLiteral("a integer, b integer"));
    QCOMPARE(add.displayName(), QStringLiteral("Add(a integer, b integer)"));
    QCOMPARE(m.object(objectIndex(m, ObjectKind::Type, QStringLiteral("Mood"))).extra,
             QStringLiteral("enum"));
    QCOMPARE(m.object(objectIndex(m, ObjectKind::Type, QStringLiteral("positive_int"))).extra,
             QStringLiteral("domain over integer"));
    QCOMPARE(m.object(objectIndex(m, ObjectKind::Table, QStringLiteral("Events"))).comment,
             QStringLiteral("Everything that happened, by time"));
}

void TestCatalogLoader::partitionedTableChildrenArePartitionsWithBounds()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    const QModelIndex events = objectIndex(m, ObjectKind::Table, QStringLiteral("Events"));
    QVERIFY(events.isValid());
    QCOMPARE(m.object(events).extra, QStringLiteral("RANGE (\"Created At\")"));
    QVERIFY(load(m, events));
    QCOMPARE(m.rowCount(events), 3);
    QStringList names, bounds;
    for (int r = 0; r < 3; ++r) {
        const CatalogObject p = m.object(m.index(r, 0, events));
        QCOMPARE(p.kind, ObjectKind::Partition);
        names << p.name;
        bounds << p.extra;
    }
    // The default partition comes last.
    QCOMPARE(names, (QStringList{QStringLiteral("Events 2023"), QStringLiteral("events_2024"),
                                 QStringLiteral("events_default")}));
    QVERIFY2(bounds[0].startsWith(QLatin1String("FOR VALUES FROM ('2023-01-01")), qPrintable(bounds[0]));
    QVERIFY2(bounds[1].startsWith(QLatin1String("FOR VALUES FROM ('2024-01-01")), qPrintable(bounds[1]));
    QCOMPARE(bounds[2], QStringLiteral("DEFAULT"));

    // Sub-partitioned: its children are its own partitions.
    const QModelIndex sub = m.index(1, 0, events);
    QVERIFY(m.object(sub).isPartitioned);
    QVERIFY(!m.object(m.index(0, 0, events)).isPartitioned);
    QVERIFY(load(m, sub));
    QCOMPARE(m.rowCount(sub), 2);
    QCOMPARE(m.object(m.index(0, 0, sub)).name, QStringLiteral("events_2024_eu"));
    QCOMPARE(m.object(m.index(0, 0, sub)).extra, QStringLiteral("FOR VALUES IN ('eu')"));
    QCOMPARE(m.object(m.index(1, 0, sub)).extra, QStringLiteral("DEFAULT"));
    QVERIFY(
        m.index(0, 0, events).data(Qt::ToolTipRole).toString().contains(QLatin1String("Bound: FOR VALUES")));
}

void TestCatalogLoader::reportsSizesAndRowEstimatesAfterAnalyze()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    const QModelIndex events = objectIndex(m, ObjectKind::Table, QStringLiteral("Events"));
    QVERIFY(load(m, events));
    const QModelIndex y2023 = child(m, events, QStringLiteral("Events 2023"));
    const int rows2023 =
        psql(QStringLiteral("SELECT count(*) FROM \"Odd \"\"Schema\"\"\".\"Events 2023\"")).toInt();
    QVERIFY(rows2023 > 1000);
    QCOMPARE(y2023.data(Role::RowEstimate).toLongLong(), qint64(rows2023));
    QVERIFY(y2023.data(Role::SizeBytes).toLongLong() > 8192);
    // A partitioned table has no storage: its numbers are its leaves' sums.
    QCOMPARE(events.data(Role::RowEstimate).toLongLong(), qint64(3050));
    QVERIFY(events.data(Role::SizeBytes).toLongLong() > y2023.data(Role::SizeBytes).toLongLong());
    // Human readable in the Size column, right-aligned; raw bytes in the role.
    const QModelIndex size = events.siblingAtColumn(ObjectTreeModel::SizeColumn);
    QVERIFY2(size.data().toString().endsWith(QLatin1String(" kB")) ||
                 size.data().toString().endsWith(QLatin1String(" MB")),
             qPrintable(size.data().toString()));
    QCOMPARE(size.data(Qt::TextAlignmentRole).value<Qt::Alignment>(), Qt::AlignRight | Qt::AlignVCenter);
    QCOMPARE(events.siblingAtColumn(ObjectTreeModel::RowsColumn).data().toString(), QStringLiteral("3050"));
    // A view has neither.
    const QModelIndex view = objectIndex(m, ObjectKind::View, QStringLiteral("Recent \"Events\""));
    QVERIFY(!view.data(Role::SizeBytes).isValid());
    QCOMPARE(view.siblingAtColumn(ObjectTreeModel::SizeColumn).data().toString(), QString());
    QVERIFY(objectIndex(m, ObjectKind::MaterializedView, QStringLiteral("region_totals"))
                .data(Role::RowEstimate)
                .toLongLong() == 2);
}

void TestCatalogLoader::tableChildrenAreColumnsAndIndexes()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    const QModelIndex select = objectIndex(m, ObjectKind::Table, QStringLiteral("Select"));
    const QModelIndex columns = folder(m, select, ObjectKind::Column);
    QVERIFY(columns.isValid());
    QVERIFY(load(m, columns));
    QCOMPARE(m.rowCount(columns), 3);
    QCOMPARE(m.object(m.index(0, 0, columns)).name, QStringLiteral("Order"));
    QCOMPARE(m.object(m.index(0, 0, columns)).extra, QStringLiteral("integer NOT NULL"));
    const QModelIndex indexes = folder(m, select, ObjectKind::Index);
    QVERIFY(load(m, indexes));
    QCOMPARE(m.rowCount(indexes), 2);
    QCOMPARE(m.object(m.index(0, 0, indexes)).name, QStringLiteral("Select_pkey")); // the primary key first
    QCOMPARE(m.object(m.index(1, 0, indexes)).name, QStringLiteral("select_from_idx"));
    QVERIFY(m.index(1, 0, indexes).data(Role::SizeBytes).toLongLong() > 0);
}

void TestCatalogLoader::scriptedTablesAndViewsRecreateEqualColumns()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    ScriptGenerator generator(t->session.get());
    const QString from = pg::quoteIdentifierIfNeeded(kSchema);
    const QString to = pg::quoteIdentifierIfNeeded(kCopy);
    auto scriptOf = [&](const QModelIndex &i) {
        const QString sql = script(generator, m.object(i), true);
        return sql.isNull() ? sql : QString(sql).replace(from, to);
    };

    const QModelIndex events = objectIndex(m, ObjectKind::Table, QStringLiteral("Events"));
    QVERIFY(load(m, events));
    const QModelIndex sub = child(m, events, QStringLiteral("events_2024"));
    QVERIFY(load(m, sub));
    const QString eventsSql = script(generator, m.object(events), true);
    QVERIFY(!eventsSql.isEmpty());
    for (const char *part :
         {"CREATE TABLE \"Odd \"\"Schema\"\"\".\"Events\" (", "    id bigint GENERATED ALWAYS AS IDENTITY,",
          "\"Created At\" timestamp with time zone DEFAULT now() NOT NULL",
          "GENERATED ALWAYS AS ((amount * (2)::numeric)) STORED", "COLLATE pg_catalog.\"C\"",
          "CONSTRAINT \"Events_pkey\" PRIMARY KEY (id, \"Created At\", region)",
          "PARTITION BY RANGE (\"Created At\");",
          "CREATE INDEX \"Events by region\" ON \"Odd \"\"Schema\"\"\".\"Events\" USING btree",
          "COMMENT ON COLUMN \"Odd \"\"Schema\"\"\".\"Events\".region IS 'Region code, it''s two letters';"})
        QVERIFY2(eventsSql.contains(QLatin1String(part)),
                 qPrintable(QLatin1String(part) + u'\n' + eventsSql));
    QVERIFY2(!eventsSql.contains(QLatin1String("ON ONLY")), qPrintable(eventsSql));

    const QString subSql = script(generator, m.object(sub), true);
    QVERIFY2(
        subSql.startsWith(QLatin1String("CREATE TABLE \"Odd \"\"Schema\"\"\".events_2024 PARTITION OF "
                                        "\"Odd \"\"Schema\"\"\".\"Events\"\nFOR VALUES FROM ('2024-01-01")),
        qPrintable(subSql));
    QVERIFY2(subSql.contains(QLatin1String("PARTITION BY LIST (region);")), qPrintable(subSql));

    // Recreate everything in a fresh schema: types first, then tables, partitions, views.
    QString copy = QStringLiteral("CREATE SCHEMA %1;\n").arg(to);
    for (const char *type : {"Mood", "positive_int", "Money Pair"})
        copy += scriptOf(objectIndex(m, ObjectKind::Type, QString::fromUtf8(type)));
    copy += QString(eventsSql).replace(from, to);
    for (int r = 0; r < m.rowCount(events); ++r)
        copy += scriptOf(m.index(r, 0, events));
    for (int r = 0; r < m.rowCount(sub); ++r)
        copy += scriptOf(m.index(r, 0, sub));
    copy += scriptOf(objectIndex(m, ObjectKind::Table, QStringLiteral("Customers")));
    copy += scriptOf(objectIndex(m, ObjectKind::Table, QStringLiteral("Select")));
    copy += scriptOf(objectIndex(m, ObjectKind::View, QStringLiteral("Recent \"Events\"")));
    copy += scriptOf(objectIndex(m, ObjectKind::MaterializedView, QStringLiteral("region_totals")));
    QVERIFY2(psql(copy) != QLatin1String("<psql failed>"), qPrintable(copy));

    for (const char *relation : {"Events", "Events 2023", "events_2024", "events_2024_eu", "events_default",
                                 "Customers", "Select", "Recent \"Events\""}) {
        const QString original = columnsOf(kSchema, QString::fromUtf8(relation));
        QVERIFY2(!original.isEmpty(), relation);
        QCOMPARE(columnsOf(kCopy, QString::fromUtf8(relation)), original);
    }
    // information_schema leaves materialized views out.
    const QString matview = QStringLiteral("SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, "
                                           "a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE "
                                           "a.attrelid = '%1.region_totals'::regclass AND a.attnum > 0");
    QCOMPARE(psql(matview.arg(QString(to).replace(u'\'', QLatin1String("''")))),
             QStringLiteral("region text, total numeric, n bigint"));
    QCOMPARE(psql(matview.arg(QString(from).replace(u'\'', QLatin1String("''")))),
             QStringLiteral("region text, total numeric, n bigint"));
    // The partition tree and bounds came along, and so did the indexes (cascaded to partitions).
    const QString tree = QStringLiteral(
        "SELECT string_agg(concat_ws('|', c.relname, c.relkind, pg_get_expr(c.relpartbound, c.oid), "
        "pg_get_partkeydef(c.oid), (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid), "
        "obj_description(c.oid, 'pg_class')), E'\\n' ORDER BY c.relname) FROM pg_class c WHERE "
        "c.relnamespace = "
        "%1::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname NOT LIKE 'audit%'");
    QCOMPARE(psql(tree.arg(pg::quoteLiteral(to))), psql(tree.arg(pg::quoteLiteral(from))));
}

void TestCatalogLoader::scriptsOfOtherKindsRun()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    ScriptGenerator generator(t->session.get());
    const QString from = pg::quoteIdentifierIfNeeded(kSchema);
    const QString other = QStringLiteral("\"Third \"\"Schema\"\"\"");

    const QString seq =
        script(generator, m.object(objectIndex(m, ObjectKind::Sequence, QStringLiteral("Ticket Seq"))), true);
    QVERIFY2(
        seq.contains(QLatin1String("CREATE SEQUENCE \"Odd \"\"Schema\"\"\".\"Ticket Seq\"\n    AS bigint\n"
                                   "    START WITH 100\n    INCREMENT BY 5\n")),
        qPrintable(seq));
    const QString add =
        script(generator, m.object(objectIndex(m, ObjectKind::Function, QStringLiteral("Add"))), true);
    QVERIFY2(
        add.startsWith(QLatin1String("CREATE OR REPLACE FUNCTION \"Odd \"\"Schema\"\"\".\"Add\"(a integer, b "
                                     "integer DEFAULT 1)")),
        qPrintable(add));
    const QString proc = script(
        generator, m.object(objectIndex(m, ObjectKind::Procedure, QStringLiteral("archive_before"))), true);
    QVERIFY2(proc.startsWith(QLatin1String("CREATE OR REPLACE PROCEDURE")), qPrintable(proc));
    const QString mood =
        script(generator, m.object(objectIndex(m, ObjectKind::Type, QStringLiteral("Mood"))), true);
    QVERIFY2(
        mood.startsWith(QLatin1String("CREATE TYPE \"Odd \"\"Schema\"\"\".\"Mood\" AS ENUM (\n    'sad',\n"
                                      "    'ok',\n    'it''s fine'\n);")),
        qPrintable(mood));
    const QString domain =
        script(generator, m.object(objectIndex(m, ObjectKind::Type, QStringLiteral("positive_int"))), true);
    QVERIFY2(domain.startsWith(QLatin1String("CREATE DOMAIN \"Odd \"\"Schema\"\"\".positive_int AS integer\n"
                                             "    DEFAULT 1\n    CONSTRAINT positive CHECK (VALUE > 0);")),
             qPrintable(domain));
    const QModelIndex selectIndexes =
        folder(m, objectIndex(m, ObjectKind::Table, QStringLiteral("Select")), ObjectKind::Index);
    const QString index =
        script(generator, m.object(child(m, selectIndexes, QStringLiteral("select_from_idx"))), true);
    QVERIFY2(index.startsWith(
                 QLatin1String("CREATE INDEX select_from_idx ON \"Odd \"\"Schema\"\"\".\"Select\" "
                               "USING btree (\"from\") WHERE (\"from\" IS NOT NULL);\nCOMMENT ON INDEX")),
             qPrintable(index));
    const QString pkey =
        script(generator, m.object(child(m, selectIndexes, QStringLiteral("Select_pkey"))), true);
    QVERIFY2(pkey.startsWith(QLatin1String("ALTER TABLE \"Odd \"\"Schema\"\"\".\"Select\" ADD CONSTRAINT "
                                           "\"Select_pkey\" PRIMARY KEY (\"Order\");")),
             qPrintable(pkey));

    // Every one of them runs in a fresh schema (after the table the index and procedure need).
    const QString table =
        script(generator, m.object(objectIndex(m, ObjectKind::Table, QStringLiteral("Select"))), true);
    const QString customers =
        script(generator, m.object(objectIndex(m, ObjectKind::Table, QStringLiteral("Customers"))), true);
    QString all = QStringLiteral("CREATE SCHEMA %1;\n").arg(other) + seq + add + proc + mood + domain +
                  customers + table + QStringLiteral("DROP INDEX %1.select_from_idx;\n").arg(from) + index;
    all.replace(from, other);
    QVERIFY2(psql(all) != QLatin1String("<psql failed>"), qPrintable(all));
    QCOMPARE(psql(QStringLiteral("SELECT %1.\"Add\"(2), %1.\"Add\"(2, 3), nextval('%2.\"Ticket Seq\"')")
                      .arg(other, QString(other).replace(u'\'', QStringLiteral("''")))),
             QStringLiteral("3|5|100"));

    // Global objects script too.
    const QString schemaSql = script(generator, m.object(schemaIndex(m, kSchema)), true);
    QCOMPARE(schemaSql, QStringLiteral("CREATE SCHEMA \"Odd \"\"Schema\"\"\" AUTHORIZATION tusk;\n"));
    const QString db = script(generator, m.object(child(m, {}, kDatabase)), true);
    QVERIFY2(db.startsWith(QLatin1String("CREATE DATABASE tusk_catalog_test\n    WITH OWNER = tusk\n")),
             qPrintable(db));
    const QString role =
        script(generator, m.object(child(m, folder(m, {}, ObjectKind::Role), kReader)), true);
    QVERIFY2(
        role.startsWith(QLatin1String("CREATE ROLE tusk_catalog_reader WITH\n    LOGIN\n    NOSUPERUSER")),
        qPrintable(role));
    // A built-in tablespace cannot be scripted: that is an error value, not a crash.
    pg::Error error;
    QVERIFY(script(generator,
                   m.object(child(m, folder(m, {}, ObjectKind::Tablespace), QStringLiteral("pg_default"))),
                   true, &error)
                .isNull());
    QVERIFY(error.message.contains(QLatin1String("built in")));
}

void TestCatalogLoader::scriptsOfRarerKindsRun()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    ScriptGenerator generator(t->session.get());
    auto scriptOf = [&](ObjectKind folderKind, const char *name) {
        const QModelIndex i = objectIndex(m, folderKind, QString::fromUtf8(name));
        return i.isValid() ? script(generator, m.object(i), true)
                           : QStringLiteral("-- %1 not found").arg(QLatin1String(name));
    };
    const QString range = scriptOf(ObjectKind::Type, "float_range");
    QVERIFY2(range.startsWith(QLatin1String("CREATE TYPE \"Odd \"\"Schema\"\"\".float_range AS RANGE (\n    "
                                            "SUBTYPE = double precision,\n    SUBTYPE_DIFF = float8mi")),
             qPrintable(range));
    // Multiranges (and their names) exist since PostgreSQL 14.
    QCOMPARE(range.contains(QLatin1String("MULTIRANGE_TYPE_NAME = \"Odd \"\"Schema\"\"\".float_multirange")),
             m_major >= 14);
    const QString total = scriptOf(ObjectKind::Aggregate, "Total");
    QVERIFY2(total.startsWith(
                 QLatin1String("CREATE AGGREGATE \"Odd \"\"Schema\"\"\".\"Total\"(integer) (\n    SFUNC = ")),
             qPrintable(total));
    QVERIFY2(total.contains(QLatin1String("    INITCOND = '0'")), qPrintable(total));
    const QString base = scriptOf(ObjectKind::Table, "audit_base");
    QVERIFY2(base.startsWith(QLatin1String("CREATE UNLOGGED TABLE")), qPrintable(base));
    QVERIFY2(base.contains(QLatin1String("\nWITH (fillfactor=70, autovacuum_enabled=false);")),
             qPrintable(base));
    const QString child = scriptOf(ObjectKind::Table, "audit_child");
    for (const char *part :
         {"    detail jsonb\n)\nINHERITS (\"Odd \"\"Schema\"\"\".audit_base);", "ENABLE ROW LEVEL SECURITY;",
          "CREATE TRIGGER touch_at BEFORE INSERT ON",
          "COMMENT ON TRIGGER touch_at ON \"Odd \"\"Schema\"\"\".audit_child IS 'Stamps the row';"})
        QVERIFY2(child.contains(QLatin1String(part)), qPrintable(QLatin1String(part) + u'\n' + child));
    const QString remote = scriptOf(ObjectKind::ForeignTable, "remote_items");
    for (const char *part :
         {"CREATE FOREIGN TABLE", "    id integer OPTIONS (column_name 'item_id') NOT NULL,",
          "SERVER \"Remote Box\"\nOPTIONS (table_name 'it''s items');"})
        QVERIFY2(remote.contains(QLatin1String(part)), qPrintable(QLatin1String(part) + u'\n' + remote));

    // All of it runs in a fresh schema, and what it makes matches the original.
    const QString from = pg::quoteIdentifierIfNeeded(kSchema);
    const QString to = QStringLiteral("\"Fourth \"\"Schema\"\"\"");
    QString all = QStringLiteral("CREATE SCHEMA %1;\n").arg(to) + range +
                  scriptOf(ObjectKind::Function, "add_state") + total +
                  scriptOf(ObjectKind::Function, "touch") + base + child + remote;
    all.replace(from, to);
    QVERIFY2(psql(all) != QLatin1String("<psql failed>"), qPrintable(all));
    QCOMPARE(psql(QStringLiteral("SELECT %1.\"Total\"(x) FROM (VALUES (1), (2), (3)) v(x)").arg(to)),
             QStringLiteral("6"));
    const QString facts = QStringLiteral(
        "SELECT string_agg(concat_ws('|', c.relname, c.relkind, c.relpersistence, c.reloptions, "
        "c.relrowsecurity, "
        "(SELECT count(*) FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal), (SELECT "
        "string_agg(p.relname, ',') FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE "
        "i.inhrelid = "
        "c.oid), (SELECT ft.ftoptions FROM pg_foreign_table ft WHERE ft.ftrelid = c.oid), (SELECT "
        "string_agg(concat(a.attname, a.attfdwoptions, a.attnotnull, a.attislocal), ',' ORDER BY a.attnum) "
        "FROM "
        "pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0)), E'\\n' ORDER BY c.relname) FROM "
        "pg_class c "
        "WHERE c.relnamespace = %1::regnamespace AND c.relname IN ('audit_base', 'audit_child', "
        "'remote_items')");
    QCOMPARE(psql(facts.arg(pg::quoteLiteral(to))), psql(facts.arg(pg::quoteLiteral(from))));
}

void TestCatalogLoader::scriptAsSelectRuns()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    ScriptGenerator generator(t->session.get());
    const QString events =
        script(generator, m.object(objectIndex(m, ObjectKind::Table, QStringLiteral("Events"))), false);
    QCOMPARE(events, QStringLiteral("SELECT id, \"Created At\", region, mood, qty, amount, total, note\n"
                                    "FROM \"Odd \"\"Schema\"\"\".\"Events\"\nLIMIT 100;\n"));
    const QString select =
        script(generator, m.object(objectIndex(m, ObjectKind::Table, QStringLiteral("Select"))), false);
    QCOMPARE(
        select,
        QStringLiteral(
            "SELECT \"Order\", \"from\", customer\nFROM \"Odd \"\"Schema\"\"\".\"Select\"\nLIMIT 100;\n"));
    const QString view = script(
        generator, m.object(objectIndex(m, ObjectKind::View, QStringLiteral("Recent \"Events\""))), false);
    for (const QString &sql : {events, select, view}) {
        QSignalSpy finished(t->session.get(), &pg::Session::finished);
        QSignalSpy failed(t->session.get(), &pg::Session::failed);
        const quint64 gen = t->session->execute(sql);
        // The tree shares the session and may finish its own requests meanwhile: wait for ours.
        auto ours = [gen](const QSignalSpy &spy) {
            return std::any_of(spy.begin(), spy.end(), [gen](const QList<QVariant> &args) {
                return args.at(0).toULongLong() == gen;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(ours(finished) || ours(failed), 10000);
        QVERIFY2(!ours(failed), qPrintable(sql));
    }
    QCOMPARE(psql(QString(events)
                      .replace(QLatin1String("LIMIT 100;"), QLatin1String("LIMIT 100) s;"))
                      .prepend(QLatin1String("SELECT count(*) FROM ("))),
             QStringLiteral("100"));
    // Functions have no columns to select.
    QVERIFY(!ScriptGenerator::canScriptSelect(
        m.object(objectIndex(m, ObjectKind::Function, QStringLiteral("Add")))));
    pg::Error error;
    QVERIFY(script(generator, m.object(objectIndex(m, ObjectKind::Function, QStringLiteral("Add"))), false,
                   &error)
                .isNull());
    QCOMPARE(error.kind, pg::Error::Kind::Usage);
}

void TestCatalogLoader::permissionDeniedBecomesAnErrorRow()
{
    // Hardened installations revoke catalog access; the tree must show that, not fall over.
    QCOMPARE(psql(QStringLiteral("REVOKE SELECT ON pg_catalog.pg_proc FROM PUBLIC;")), QString());
    auto restore =
        qScopeGuard([this] { psql(QStringLiteral("GRANT SELECT ON pg_catalog.pg_proc TO PUBLIC;")); });
    auto t = openTree(kReader, kReaderPassword);
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    const QModelIndex schema = schemaIndex(m, kSchema);
    QVERIFY(schema.isValid());
    QVERIFY(load(m, schema));
    QCOMPARE(m.rowCount(schema), 1);
    const QModelIndex error = m.index(0, 0, schema);
    QCOMPARE(m.rowType(error), RowType::Error);
    QVERIFY2(error.data().toString().contains(QLatin1String("permission denied")),
             qPrintable(error.data().toString()));
    QCOMPARE(error.data(Role::LoadError).value<pg::Error>().sqlState, QStringLiteral("42501"));
    QVERIFY(!m.hasChildren(error));
    QCOMPARE(m.flags(error) & Qt::ItemIsSelectable, Qt::NoItemFlags);
    QVERIFY(!error.data(Role::Object).isValid() || m.object(error).kind == ObjectKind::Server);

    // The levels above still load; every schema's folders need pg_proc, so they all say so.
    const QModelIndex plain = schemaIndex(m, QStringLiteral("plain"));
    QVERIFY(load(m, plain));
    QCOMPARE(m.rowType(m.index(0, 0, plain)), RowType::Error);
    CatalogObject add;
    add.kind = ObjectKind::Function;
    add.oid = psql(QStringLiteral("SELECT '\"Odd \"\"Schema\"\"\".\"Add\"'::regproc::oid")).toUInt();
    ScriptGenerator generator(t->session.get());
    pg::Error failure;
    QVERIFY(script(generator, add, true, &failure).isNull());
    QCOMPARE(failure.sqlState, QStringLiteral("42501"));

    // Granted again, a refresh replaces the error row with the folders.
    restore.dismiss();
    psql(QStringLiteral("GRANT SELECT ON pg_catalog.pg_proc TO PUBLIC;"));
    m.refresh(schema);
    QVERIFY(folder(m, schema, ObjectKind::Function).isValid());
}

void TestCatalogLoader::lostConnectionBecomesAnErrorRowAndRefreshRecovers()
{
    auto t = openTree();
    QVERIFY(t);
    ObjectTreeModel &m = *t->model;
    const QModelIndex schema = schemaIndex(m, kSchema);
    QVERIFY(folder(m, schema, ObjectKind::Table).isValid());
    QSignalSpy disconnected(t->session.get(), &pg::Session::disconnected);
    t->session->disconnectFromServer();
    QVERIFY(disconnected.wait(5000));
    m.refresh(schema);
    QVERIFY(load(m, schema));
    QCOMPARE(m.rowCount(schema), 1);
    QCOMPARE(m.rowType(m.index(0, 0, schema)), RowType::Error);
    QVERIFY(m.index(0, 0, schema).data(Qt::ToolTipRole).toString().contains(QLatin1String("not connected")));

    QSignalSpy connected(t->session.get(), &pg::Session::connected);
    t->session->reconnect();
    QVERIFY(connected.wait(10000));
    m.refresh(schema);
    QVERIFY(folder(m, schema, ObjectKind::Table).isValid());
    // The model tester keeps fetching the rest of the tree; it all settles.
    QTRY_COMPARE_WITH_TIMEOUT(m.pendingLoads(), 0, 15000);
}

void TestCatalogLoader::browsesAnotherDatabaseThroughItsOwnSession()
{
    auto t = openTree();
    QVERIFY(t);
    // Loader and generator share the runners, as the object browser wires them.
    t->tester.reset(); // it would fetch every database of the server before we look
    DatabaseRunners runners(t->session.get());
    CatalogLoader loader(&runners);
    ObjectTreeModel m(&loader);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex other = child(m, {}, kOther);
    QVERIFY(other.isValid());
    QVERIFY(!m.object(other).isCurrent);
    const QModelIndex schema = child(m, other, QStringLiteral("public"));
    QVERIFY(schema.isValid());
    QCOMPARE(m.object(schema).database, kOther);
    const QModelIndex table =
        child(m, folder(m, schema, ObjectKind::Table), QStringLiteral("Other \"Table\""));
    QVERIFY(table.isValid());
    QCOMPARE(m.object(table).database, kOther);
    QVERIFY(child(m, table, QStringLiteral("Columns")).isValid() || m.rowCount(table) > 0);
    // The table's own database deparses it.
    ScriptGenerator generator(&runners);
    const QString sql = script(generator, m.object(table), true);
    QVERIFY2(sql.contains(QLatin1String("CREATE TABLE public.\"Other \"\"Table\"\"\"")), qPrintable(sql));
    QVERIFY(script(generator, m.object(table), false).contains(QLatin1String("label")));
    // The test database's objects still come through the main session; a database is scripted
    // from the main session too.
    QVERIFY(objectIndex(m, ObjectKind::Table, QStringLiteral("Customers")).isValid());
    QVERIFY(script(generator, m.object(other), true).contains(QLatin1String("CREATE DATABASE")));
    QTRY_COMPARE_WITH_TIMEOUT(m.pendingLoads(), 0, 15000);
    // One extra connection per other database (the tester expanded `postgres` too), named so a
    // DBA can tell it in pg_stat_activity.
    QVERIFY(runners.extraSessionCount() >= 1);
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = %1 AND "
                                 "application_name = 'tusk browser'")
                      .arg(pg::quoteLiteral(kOther))),
             QStringLiteral("1"));
}

void TestCatalogLoader::aDatabaseThatCannotBeReachedBecomesAnErrorRow()
{
    QVERIFY(psql(QStringLiteral("DROP DATABASE IF EXISTS %1; CREATE DATABASE %1;").arg(kGone)) !=
            QLatin1String("<psql failed>"));
    auto t = openTree();
    QVERIFY(t);
    t->tester.reset(); // it would expand the database before it is gone
    ObjectTreeModel &m = *t->model;
    const QModelIndex gone = child(m, {}, kGone);
    QVERIFY(gone.isValid());
    psql(test::dropDatabase(kGone, m_major));
    QVERIFY(load(m, gone));
    QCOMPARE(m.rowCount(gone), 1);
    QCOMPARE(m.rowType(m.index(0, 0, gone)), RowType::Error);
    const QString why = m.index(0, 0, gone).data(Qt::ToolTipRole).toString();
    QVERIFY2(why.contains(QLatin1String("does not exist")), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestCatalogLoader)
#include "tst_catalogloader.moc"
