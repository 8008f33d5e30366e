// The saved-connections tree: servers with their profiles, colours, connect on double-click.

#include "../common/guitest.h"
#include "connectionspanel.h"
#include "state/profilestore.h"
#include "state/statedatabase.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace tusk;
using state::ConnectionProfile;

class TestConnectionsPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { test::setUpGuiTest(); }
    void groupsProfilesByServerAndConnectsOnDoubleClick();
};

void TestConnectionsPanel::groupsProfilesByServerAndConnectsOnDoubleClick()
{
    QTemporaryDir dir;
    state::StateDatabase db(dir.filePath(QStringLiteral("state.sqlite")));
    state::ProfileStore store(&db);
    auto profile = [](const char *id, const char *name, const char *host, const char *db, const char *color) {
        ConnectionProfile p;
        p.id = QString::fromUtf8(id);
        p.name = QString::fromUtf8(name);
        p.host = QString::fromUtf8(host);
        p.dbname = QString::fromUtf8(db);
        p.color = QString::fromUtf8(color);
        return p;
    };
    store.save(profile("1", "crm prod", "db1.example.com", "crm", "#c0392b"));
    store.save(profile("2", "billing prod", "db1.example.com", "billing", "#c0392b"));
    store.save(profile("3", "laptop", "", "postgres", "#2e9d5b"));
    ConnectionProfile service;
    service.id = QStringLiteral("4");
    service.name = QStringLiteral("reporting");
    service.service = QStringLiteral("reporting");
    store.save(service);

    ConnectionsPanel panel(&store);
    panel.resize(320, 300);
    panel.show();
    QTRY_COMPARE(panel.tree()->topLevelItemCount(), 3);
    QTreeWidgetItem *db1 =
        panel.tree()->findItems(QStringLiteral("db1.example.com:5432"), Qt::MatchExactly).value(0);
    QVERIFY(db1);
    QCOMPARE(db1->childCount(), 2);
    QVERIFY(!panel.tree()->findItems(QStringLiteral("localhost:5432"), Qt::MatchExactly).isEmpty());
    QVERIFY(!panel.tree()->findItems(QStringLiteral("service reporting"), Qt::MatchExactly).isEmpty());

    QSignalSpy connectSpy(&panel, &ConnectionsPanel::connectRequested);
    QTreeWidgetItem *crm = db1->child(1); // ordered by name: billing prod, crm prod
    QCOMPARE(crm->text(0), QStringLiteral("crm prod"));
    panel.tree()->setCurrentItem(crm);
    emit panel.tree()->itemDoubleClicked(crm, 0);
    QCOMPARE(connectSpy.size(), 1);
    QCOMPARE(connectSpy.first().first().value<ConnectionProfile>().dbname, QStringLiteral("crm"));
    panel.tree()->setCurrentItem(db1); // a server row connects nothing
    emit panel.tree()->itemDoubleClicked(db1, 0);
    QCOMPARE(connectSpy.size(), 1);
    test::saveScreenshot(&panel, QStringLiteral("connections-light"));
}

QTEST_MAIN(TestConnectionsPanel)
#include "tst_connectionspanel.moc"
