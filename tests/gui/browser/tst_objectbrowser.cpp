// The object browser offscreen on the fixture's primary: expanding down to partitions, the
// filter, the context menu's actions, and screenshots in both palettes.

#include "../../common/fixture.h"
#include "../../common/guitest.h"
#include "browser/objectbrowser.h"
#include "catalog/databaserunners.h"
#include "catalog/objecttreemodel.h"
#include "common/palettes.h"
#include "pg/quoting.h"
#include "pg/session.h"

#include <QAction>
#include <QClipboard>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace tusk;
using catalog::ObjectTreeModel;

namespace {

const QString kDatabase = QStringLiteral("tusk_browser_test");

const char *const kSetup = R"sql(
CREATE SCHEMA sales;
COMMENT ON SCHEMA sales IS 'Orders and customers';
SET search_path = sales;
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, email text UNIQUE);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY,
    placed_at timestamptz NOT NULL,
    region text NOT NULL,
    status order_status NOT NULL DEFAULT 'new',
    total numeric(12,2),
    customer_id bigint,
    PRIMARY KEY (id, placed_at, region)
) PARTITION BY RANGE (placed_at);
CREATE TABLE orders_2023 PARTITION OF orders FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (region);
CREATE TABLE orders_2024_eu PARTITION OF orders_2024 FOR VALUES IN ('eu');
CREATE TABLE orders_2024_us PARTITION OF orders_2024 FOR VALUES IN ('us');
CREATE TABLE orders_default PARTITION OF orders DEFAULT;
CREATE INDEX orders_customer ON orders (customer_id);
CREATE VIEW recent_orders AS SELECT id, placed_at, total FROM orders WHERE placed_at > now() - interval '30 days';
CREATE MATERIALIZED VIEW revenue_by_region AS SELECT region, sum(total) AS revenue FROM orders GROUP BY region;
CREATE SEQUENCE invoice_numbers;
CREATE FUNCTION order_total(order_id bigint) RETURNS numeric LANGUAGE sql STABLE
    AS $$ SELECT total FROM sales.orders WHERE id = order_id $$;
CREATE PROCEDURE close_month(month date) LANGUAGE sql AS $$ SELECT 1 $$;
INSERT INTO customers (name, email) SELECT 'customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 5000) i;
INSERT INTO orders (placed_at, region, status, total, customer_id)
    SELECT timestamptz '2023-01-01' + (i % 730) * interval '1 day', CASE WHEN i % 4 = 0 THEN 'us' ELSE 'eu' END,
           'paid', (i % 500) + 0.99, 1 + i % 5000
    FROM generate_series(1, 120000) i;
REFRESH MATERIALIZED VIEW revenue_by_region;
ANALYZE;
)sql";

} // namespace

class TestObjectBrowser : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void opensTheConnectedDatabase();
    void expandsDownToPartitions();
    void filterKeepsParentsOfMatches();
    void contextActionsEmitGeneratedSql();
    void screenshotsInBothPalettes();
    void showsAFailedLoadAsAnErrorRow();

private:
    /// A browser on a connected session, shown offscreen at the screenshot size.
    struct Fixture
    {
        std::unique_ptr<pg::Session> session;
        std::unique_ptr<widgets::ObjectBrowser> browser;
    };
    std::unique_ptr<Fixture> openBrowser();
    /// Expands parent in the view and waits for the row whose text starts with text.
    static QModelIndex expandTo(widgets::ObjectBrowser &b, const QModelIndex &parent, const QString &text);
    static QStringList rowTexts(const QAbstractItemModel *model, const QModelIndex &parent);
    /// database → sales → Tables → orders, expanded; returns orders.
    static QModelIndex expandToOrders(widgets::ObjectBrowser &b);

    QString m_uri;
};

void TestObjectBrowser::initTestCase()
{
    test::setUpGuiTest();
    auto cluster = test::fixtureCluster();
    if (!cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = cluster->node(QStringLiteral("primary")).uri;
    // From template0: CREATE DATABASE from template1 fails while another test's catalog browser
    // is connected to template1 (tst_catalogloader shows system objects), and nobody can connect
    // to template0.
    auto r = cluster->psql(
        QStringLiteral("primary"),
        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE);\nCREATE DATABASE %1 TEMPLATE template0;\n")
            .arg(pg::quoteIdentifier(kDatabase)));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
    r = cluster->psql(QStringLiteral("primary"), QString::fromUtf8(kSetup), kDatabase);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
}

void TestObjectBrowser::cleanupTestCase()
{
    if (auto cluster = test::fixtureCluster())
        cluster->psql(
            QStringLiteral("primary"),
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE);").arg(pg::quoteIdentifier(kDatabase)));
}

std::unique_ptr<TestObjectBrowser::Fixture> TestObjectBrowser::openBrowser()
{
    auto f = std::make_unique<Fixture>();
    f->session = std::make_unique<pg::Session>(QStringLiteral("tusk-browser-test"));
    pg::ConnectionParams params = test::paramsFor(m_uri);
    params.set(QStringLiteral("dbname"), kDatabase);
    QSignalSpy connected(f->session.get(), &pg::Session::connected);
    f->session->connectTo(params);
    if (!connected.wait(15000))
        return nullptr;
    f->browser = std::make_unique<widgets::ObjectBrowser>();
    f->browser->resize(360, 600);
    f->browser->setSession(f->session.get());
    f->browser->show();
    if (!QTest::qWaitForWindowExposed(f->browser.get()))
        return nullptr;
    return f;
}

QStringList TestObjectBrowser::rowTexts(const QAbstractItemModel *model, const QModelIndex &parent)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r)
        out << model->index(r, 0, parent).data().toString();
    return out;
}

QModelIndex TestObjectBrowser::expandTo(widgets::ObjectBrowser &b, const QModelIndex &parent,
                                        const QString &text)
{
    QAbstractItemModel *m = b.view()->model();
    if (parent.isValid())
        b.view()->expand(parent);
    QModelIndex found;
    // An invalid index tells the caller it did not show up in time.
    (void)QTest::qWaitFor(
        [&] {
            for (int r = 0; r < m->rowCount(parent); ++r) {
                const QModelIndex i = m->index(r, 0, parent);
                if (i.data().toString().startsWith(text)) {
                    found = i;
                    return true;
                }
            }
            return false;
        },
        15000);
    return found;
}

QModelIndex TestObjectBrowser::expandToOrders(widgets::ObjectBrowser &b)
{
    const QModelIndex db = expandTo(b, {}, kDatabase);
    const QModelIndex sales = expandTo(b, db, QStringLiteral("sales"));
    const QModelIndex tables = expandTo(b, sales, QStringLiteral("Tables"));
    return expandTo(b, tables, QStringLiteral("orders"));
}

void TestObjectBrowser::opensTheConnectedDatabase()
{
    auto f = openBrowser();
    QVERIFY(f);
    QTreeView *view = f->browser->view();
    const QModelIndex db = expandTo(*f->browser, {}, kDatabase);
    QVERIFY(db.isValid());
    // The connected database opens by itself; the others are listed and open on demand.
    QTRY_VERIFY(view->isExpanded(db));
    QTRY_VERIFY(rowTexts(view->model(), db).contains(QStringLiteral("sales")));
    QVERIFY(!rowTexts(view->model(), db).contains(QStringLiteral("pg_catalog")));
    const QModelIndex postgres = expandTo(*f->browser, {}, QStringLiteral("postgres"));
    QVERIFY(view->model()->hasChildren(postgres));
    QVERIFY(expandTo(*f->browser, postgres, QStringLiteral("public")).isValid());
    QVERIFY(f->browser->databaseRunners()->extraSessionCount() == 1);
    const QStringList top = rowTexts(view->model(), {});
    QVERIFY2(top.last().startsWith(QLatin1String("Tablespaces (")), qPrintable(top.join(u',')));
    // Numbers are right-aligned under right-aligned headers.
    QCOMPARE(view->model()
                 ->headerData(ObjectTreeModel::SizeColumn, Qt::Horizontal, Qt::TextAlignmentRole)
                 .value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);
    QVERIFY(!db.siblingAtColumn(ObjectTreeModel::SizeColumn).data().toString().isEmpty());
}

void TestObjectBrowser::expandsDownToPartitions()
{
    auto f = openBrowser();
    QVERIFY(f);
    QAbstractItemModel *m = f->browser->view()->model();
    const QModelIndex orders = expandToOrders(*f->browser);
    QVERIFY(orders.isValid());
    QCOMPARE(orders.data(ObjectTreeModel::Kind).value<catalog::ObjectKind>(),
             catalog::ObjectKind::PartitionedTable);
    const QModelIndex y2024 = expandTo(*f->browser, orders, QStringLiteral("orders_2024"));
    QVERIFY(y2024.isValid());
    QTRY_COMPARE(rowTexts(m, orders),
                 (QStringList{QStringLiteral("orders_2023"), QStringLiteral("orders_2024"),
                              QStringLiteral("orders_default")}));
    QVERIFY2(
        y2024.data(Qt::ToolTipRole).toString().contains(QLatin1String("Bound: FOR VALUES FROM ('2024-01-01")),
        qPrintable(y2024.data(Qt::ToolTipRole).toString()));
    QVERIFY(expandTo(*f->browser, y2024, QStringLiteral("orders_2024_us")).isValid());
    QCOMPARE(rowTexts(m, y2024),
             (QStringList{QStringLiteral("orders_2024_eu"), QStringLiteral("orders_2024_us")}));
    // Sizes and estimates after ANALYZE: the partitioned table sums its leaves.
    QCOMPARE(orders.siblingAtColumn(ObjectTreeModel::RowsColumn).data().toString(), QStringLiteral("120k"));
    QVERIFY(
        orders.siblingAtColumn(ObjectTreeModel::SizeColumn).data().toString().endsWith(QLatin1String(" MB")));
}

void TestObjectBrowser::filterKeepsParentsOfMatches()
{
    auto f = openBrowser();
    QVERIFY(f);
    QTreeView *view = f->browser->view();
    QAbstractItemModel *m = view->model();
    const QModelIndex orders = expandToOrders(*f->browser);
    QVERIFY(expandTo(*f->browser, expandTo(*f->browser, orders, QStringLiteral("orders_2024")),
                     QStringLiteral("orders_2024_eu"))
                .isValid());
    view->collapse(orders);

    QTest::keyClicks(f->browser->filterEdit(), QStringLiteral("2024_E")); // case-insensitive
    // Only the path to the match is left, opened up so it shows.
    QTRY_COMPARE(rowTexts(m, {}), QStringList{kDatabase});
    const QModelIndex db = m->index(0, 0);
    QCOMPARE(rowTexts(m, db), QStringList{QStringLiteral("sales")});
    const QModelIndex sales = m->index(0, 0, db);
    QCOMPARE(rowTexts(m, sales), QStringList{QStringLiteral("Tables (2)")});
    const QModelIndex tables = m->index(0, 0, sales);
    QCOMPARE(rowTexts(m, tables), QStringList{QStringLiteral("orders")});
    const QModelIndex filteredOrders = m->index(0, 0, tables);
    QCOMPARE(rowTexts(m, filteredOrders), QStringList{QStringLiteral("orders_2024")});
    const QModelIndex y2024 = m->index(0, 0, filteredOrders);
    QCOMPARE(rowTexts(m, y2024), QStringList{QStringLiteral("orders_2024_eu")});
    QVERIFY(view->isExpanded(filteredOrders));
    QVERIFY(view->isExpanded(y2024));

    // Folders do not match by their own title.
    f->browser->filterEdit()->setText(QStringLiteral("Tables"));
    QTRY_COMPARE(m->rowCount(), 0);
    f->browser->filterEdit()->clear();
    QTRY_VERIFY(rowTexts(m, {}).contains(QStringLiteral("postgres")));
    const QModelIndex tablesAgain = expandTo(
        *f->browser, expandTo(*f->browser, expandTo(*f->browser, {}, kDatabase), QStringLiteral("sales")),
        QStringLiteral("Tables"));
    QCOMPARE(rowTexts(m, tablesAgain), (QStringList{QStringLiteral("customers"), QStringLiteral("orders")}));
}

void TestObjectBrowser::contextActionsEmitGeneratedSql()
{
    auto f = openBrowser();
    QVERIFY(f);
    widgets::ObjectBrowser &b = *f->browser;
    QTreeView *view = b.view();
    auto action = [&b](const char *name) { return b.findChild<QAction *>(QLatin1String(name)); };
    QVERIFY(action("refreshAction") && action("scriptCreateAction") && action("scriptSelectAction") &&
            action("copyNameAction"));

    const QModelIndex orders = expandToOrders(b);
    // A folder can be refreshed but not scripted or copied.
    view->setCurrentIndex(orders.parent());
    QVERIFY(!action("scriptCreateAction")->isEnabled());
    QVERIFY(!action("copyNameAction")->isEnabled());
    QVERIFY(action("refreshAction")->isEnabled());

    // Select the way a person does: a click on the row.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(orders).center());
    QCOMPARE(view->currentIndex().siblingAtColumn(0), orders);
    QCOMPARE(b.currentObject().name, QStringLiteral("orders"));
    QVERIFY(action("scriptCreateAction")->isEnabled());

    QSignalSpy ready(&b, &widgets::ObjectBrowser::scriptReady);
    action("scriptCreateAction")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    const QString create = ready.takeFirst().at(0).toString();
    QVERIFY2(create.startsWith(
                 QLatin1String("CREATE TABLE sales.orders (\n    id bigint GENERATED ALWAYS AS IDENTITY,\n"
                               "    placed_at timestamp with time zone NOT NULL,\n")),
             qPrintable(create));
    for (const char *part :
         {"    status sales.order_status DEFAULT 'new'::sales.order_status NOT NULL,",
          "CONSTRAINT orders_pkey PRIMARY KEY (id, placed_at, region)\n)\nPARTITION BY RANGE (placed_at);",
          "CREATE INDEX orders_customer ON sales.orders USING btree (customer_id);"})
        QVERIFY2(create.contains(QLatin1String(part)), qPrintable(QLatin1String(part) + u'\n' + create));

    action("scriptSelectAction")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QCOMPARE(
        ready.takeFirst().at(0).toString(),
        QStringLiteral(
            "SELECT id, placed_at, region, status, total, customer_id\nFROM sales.orders\nLIMIT 100;\n"));

    // A partition scripts as PARTITION OF with its bound.
    view->setCurrentIndex(expandTo(b, orders, QStringLiteral("orders_2023")));
    action("scriptCreateAction")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QVERIFY(ready.takeFirst().at(0).toString().startsWith(QLatin1String(
        "CREATE TABLE sales.orders_2023 PARTITION OF sales.orders\nFOR VALUES FROM ('2023-01-01")));

    action("copyNameAction")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("sales.orders_2023"));

    // Refresh on the partitioned table loads its partitions again.
    view->setCurrentIndex(orders);
    action("refreshAction")->trigger();
    QTRY_COMPARE(view->model()->rowCount(orders), 3);
    QTRY_VERIFY(view->model()->index(0, 0, orders).data().toString() == QLatin1String("orders_2023"));
}

void TestObjectBrowser::screenshotsInBothPalettes()
{
    for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
        widgets::applyTheme(theme);
        auto f = openBrowser();
        QVERIFY(f);
        widgets::ObjectBrowser &b = *f->browser;
        const QModelIndex orders = expandToOrders(b);
        QVERIFY(
            expandTo(b, expandTo(b, orders, QStringLiteral("orders_2024")), QStringLiteral("orders_2024_us"))
                .isValid());
        const QModelIndex sales = orders.parent().parent();
        expandTo(b, expandTo(b, sales, QStringLiteral("Views")), QStringLiteral("recent_orders"));
        expandTo(b, expandTo(b, sales, QStringLiteral("Functions")), QStringLiteral("order_total"));
        expandTo(b, expandTo(b, sales, QStringLiteral("Types")), QStringLiteral("order_status"));
        b.view()->setCurrentIndex(orders);
        b.view()->scrollToTop();
        QTest::qWait(50); // let the last rows paint
        const bool dark = theme == widgets::Theme::Dark;
        const QString path = test::saveScreenshot(&b, dark ? QStringLiteral("objectbrowser-dark")
                                                           : QStringLiteral("objectbrowser-light"));
        const QImage shot(path);
        QCOMPARE(shot.size(), QSize(360, 600));
        // The tree really is painted in the chosen palette.
        QCOMPARE(shot.pixelColor(shot.width() / 2, shot.height() - 10).lightness() < 128, dark);
    }
    widgets::applyTheme(widgets::Theme::Light);
}

void TestObjectBrowser::showsAFailedLoadAsAnErrorRow()
{
    auto f = openBrowser();
    QVERIFY(f);
    widgets::ObjectBrowser &b = *f->browser;
    const QModelIndex db = expandTo(b, {}, kDatabase);
    const QModelIndex sales = expandTo(b, db, QStringLiteral("sales"));
    QVERIFY(expandTo(b, sales, QStringLiteral("Tables")).isValid());
    QSignalSpy disconnected(f->session.get(), &pg::Session::disconnected);
    f->session->disconnectFromServer();
    QVERIFY(disconnected.wait(5000));
    b.view()->setCurrentIndex(sales);
    b.findChild<QAction *>(QStringLiteral("refreshAction"))->trigger();
    const QModelIndex error = expandTo(b, sales, QStringLiteral("not connected"));
    QVERIFY(error.isValid());
    QCOMPARE(error.data(ObjectTreeModel::RowKind).value<ObjectTreeModel::RowType>(),
             ObjectTreeModel::RowType::Error);
    QVERIFY(error.data(Qt::ToolTipRole).toString().contains(QLatin1String("Connect (or reconnect) first")));
    QTest::qWait(50);
    test::saveScreenshot(&b, QStringLiteral("objectbrowser-error-light"));
}

QTEST_MAIN(TestObjectBrowser)
#include "tst_objectbrowser.moc"
