// The connection dialog: paste a URI, test it, save a read-only profile that really is read-only.

#include "../common/fixture.h"
#include "../common/guitest.h"
#include "../common/sessionrecorder.h"
#include "common/connectiondialog.h"
#include "pg/session.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

using namespace tusk;
using widgets::ConnectionDialog;

class TestConnectionDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fillsFieldsFromAPastedUriAndHidesThePassword();
    void testsTheConnection();
    void showsAClearErrorForAWrongPassword();
    void readOnlyProfileOpensReadOnlySessions();
    void screenshots();

private:
    void paste(ConnectionDialog &d, const QString &text);
    std::optional<sandbox::LocalCluster> m_cluster;
    QString m_uri;
};

void TestConnectionDialog::initTestCase()
{
    test::setUpGuiTest();
    m_cluster = test::fixtureCluster();
    if (!m_cluster)
        QSKIP("the sandbox fixture is not running (run through ctest)");
    m_uri = m_cluster->node(QStringLiteral("primary")).uri;
}

void TestConnectionDialog::paste(ConnectionDialog &d, const QString &text)
{
    auto *uri = d.findChildren<QLineEdit *>().at(1); // Name, Paste, Host, ...
    uri->setText(text);
    emit uri->editingFinished();
}

void TestConnectionDialog::fillsFieldsFromAPastedUriAndHidesThePassword()
{
    ConnectionDialog d;
    paste(d, QStringLiteral(
                 "postgresql://dba:s3cret@db1.example.com:6432/crm?sslmode=require&connect_timeout=4"));
    const state::ConnectionProfile p = d.profile();
    QCOMPARE(p.host, QStringLiteral("db1.example.com"));
    QCOMPARE(p.port, QStringLiteral("6432"));
    QCOMPARE(p.dbname, QStringLiteral("crm"));
    QCOMPARE(p.user, QStringLiteral("dba"));
    QCOMPARE(p.sslmode, QStringLiteral("require"));
    QCOMPARE(p.options, QStringLiteral("connect_timeout='4'"));
    QCOMPARE(d.password(), QStringLiteral("s3cret"));
    QVERIFY(d.findChildren<QLineEdit *>().at(1)->text().isEmpty()); // the pasted secret is gone
    QCOMPARE(d.connectionParams().value(QStringLiteral("password")), QStringLiteral("s3cret"));
    QVERIFY(!p.toParams().contains(QStringLiteral("password")));
}

void TestConnectionDialog::testsTheConnection()
{
    ConnectionDialog d;
    paste(d, m_uri);
    d.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(d.testResult()->text().contains(QLatin1String("Connected")), 10000);
    QVERIFY(d.testResult()->text().contains(QLatin1String("PostgreSQL")));
}

void TestConnectionDialog::showsAClearErrorForAWrongPassword()
{
    ConnectionDialog d;
    const int port = m_cluster->node(QStringLiteral("primary")).port;
    paste(d, QStringLiteral("postgresql://tusk:wrong-pass@127.0.0.1:%1/postgres").arg(port));
    d.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(d.testResult()->text().contains(QLatin1String("password authentication failed")),
                             10000);
    QVERIFY(d.testResult()->text().contains(QLatin1String("TRY")));
    QVERIFY(!d.testResult()->text().contains(QLatin1String("wrong-pass")));
}

void TestConnectionDialog::readOnlyProfileOpensReadOnlySessions()
{
    ConnectionDialog d;
    paste(d, m_uri);
    d.findChild<QCheckBox *>()->setChecked(true); // the first checkbox: read-only sessions
    QVERIFY(d.profile().readOnly);
    pg::Session s;
    test::SessionRecorder r(&s);
    s.connectTo(d.connectionParams());
    QTRY_VERIFY_WITH_TIMEOUT(r.connects == 1, 10000);
    const quint64 gen =
        s.execute(QStringLiteral("CREATE TEMP TABLE nope(x int); INSERT INTO nope VALUES (1)"));
    QTRY_VERIFY(r.isDone(gen));
    QVERIFY(r.error);
    QCOMPARE(r.error->sqlState, QStringLiteral("25006")); // read_only_sql_transaction
}

void TestConnectionDialog::screenshots()
{
    for (const auto theme : {widgets::Theme::Light, widgets::Theme::Dark}) {
        widgets::applyTheme(theme);
        ConnectionDialog d;
        paste(d, m_uri);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        d.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(d.testResult()->text().contains(QLatin1String("Connected")), 10000);
        test::saveScreenshot(&d, theme == widgets::Theme::Dark ? QStringLiteral("connection-dialog-dark")
                                                               : QStringLiteral("connection-dialog-light"));
    }
    widgets::applyTheme(widgets::Theme::Light);
}

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
