#include "pg/quoting.h"

#include <QTest>

using namespace tusk::pg;

class TestQuoting : public QObject
{
    Q_OBJECT
private slots:
    void quotesIdentifiersAlways_data();
    void quotesIdentifiersAlways();
    void leavesPlainLowerCaseNamesBare();
    void quotesReservedWordsAndMixedCase_data();
    void quotesReservedWordsAndMixedCase();
    void buildsQualifiedNames();
    void quotesLiterals_data();
    void quotesLiterals();
    void nullLiteralIsNull();
    void detectsNul();
    void truncatesLongNamesAtCharacterBoundary();
};

void TestQuoting::quotesIdentifiersAlways_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "accounts"
                           << "\"accounts\"";
    QTest::newRow("double quote") << "a\"b"
                                  << "\"a\"\"b\"";
    QTest::newRow("only quotes") << "\"\""
                                 << "\"\"\"\"\"\"";
    QTest::newRow("backslash") << "a\\b"
                               << "\"a\\b\"";
    QTest::newRow("semicolon injection") << "x\"; DROP TABLE t; --"
                                         << "\"x\"\"; DROP TABLE t; --\"";
    QTest::newRow("unicode") << QString::fromUtf8("Größe_📈") << QString::fromUtf8("\"Größe_📈\"");
    QTest::newRow("spaces") << " a b "
                            << "\" a b \"";
    QTest::newRow("empty") << ""
                           << "\"\"";
}

void TestQuoting::quotesIdentifiersAlways()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);
    QCOMPARE(quoteIdentifier(name), quoted);
}

void TestQuoting::leavesPlainLowerCaseNamesBare()
{
    QCOMPARE(quoteIdentifierIfNeeded(u"accounts"), QStringLiteral("accounts"));
    QCOMPARE(quoteIdentifierIfNeeded(u"_tmp1"), QStringLiteral("_tmp1"));
    QCOMPARE(quoteIdentifierIfNeeded(u"name"), QStringLiteral("name")); // unreserved keyword
    QCOMPARE(quoteIdentifierIfNeeded(u"comment"), QStringLiteral("comment"));
}

void TestQuoting::quotesReservedWordsAndMixedCase_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("reserved") << "select"
                              << "\"select\"";
    QTest::newRow("reserved user") << "user"
                                   << "\"user\"";
    QTest::newRow("type_func_name") << "left"
                                    << "\"left\"";
    QTest::newRow("col_name") << "integer"
                              << "\"integer\"";
    QTest::newRow("upper case") << "Order"
                                << "\"Order\"";
    QTest::newRow("digit first") << "1abc"
                                 << "\"1abc\"";
    QTest::newRow("dollar") << "a$b"
                            << "\"a$b\""; // quote_ident quotes $ too
    QTest::newRow("hyphen") << "my-table"
                            << "\"my-table\"";
    QTest::newRow("non-ascii") << QString::fromUtf8("tâble") << QString::fromUtf8("\"tâble\"");
}

void TestQuoting::quotesReservedWordsAndMixedCase()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);
    QCOMPARE(quoteIdentifierIfNeeded(name), quoted);
}

void TestQuoting::buildsQualifiedNames()
{
    QCOMPARE(qualifiedName(u"crm", u"accounts"), QStringLiteral("crm.accounts"));
    QCOMPARE(qualifiedName(u"My Schema", u"table"), QStringLiteral("\"My Schema\".\"table\""));
    QCOMPARE(qualifiedName(u"", u"t"), QStringLiteral("t"));
}

void TestQuoting::quotesLiterals_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "abc"
                           << "'abc'";
    QTest::newRow("empty") << ""
                           << "''";
    QTest::newRow("quote") << "it's"
                           << "'it''s'";
    QTest::newRow("injection") << "'; DROP TABLE x; --"
                               << "'''; DROP TABLE x; --'";
    QTest::newRow("backslash") << "a\\b"
                               << "E'a\\\\b'";
    QTest::newRow("backslash and quote") << "\\'"
                                         << "E'\\\\'''";
    QTest::newRow("unicode") << QString::fromUtf8("naïve ☃") << QString::fromUtf8("'naïve ☃'");
    QTest::newRow("newline") << "a\nb"
                             << "'a\nb'";
}

void TestQuoting::quotesLiterals()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(quoteLiteral(value), quoted);
}

void TestQuoting::nullLiteralIsNull()
{
    QCOMPARE(quoteNullableLiteral(QString()), QStringLiteral("NULL"));
    QCOMPARE(quoteNullableLiteral(QStringLiteral("")), QStringLiteral("''"));
}

void TestQuoting::detectsNul()
{
    QVERIFY(containsNul(QString(QChar(0)) + QStringLiteral("x")));
    QVERIFY(!containsNul(u"abc"));
}

void TestQuoting::truncatesLongNamesAtCharacterBoundary()
{
    const QString ascii63(63, u'a');
    QVERIFY(!isIdentifierTooLong(ascii63));
    QCOMPARE(truncatedIdentifier(ascii63), ascii63);
    QVERIFY(isIdentifierTooLong(ascii63 + u'b'));
    QCOMPARE(truncatedIdentifier(ascii63 + u'b'), ascii63);
    // 62 ASCII bytes then a 2-byte 'é': byte 63 would split it, so it is dropped whole.
    const QString split = QString(62, u'x') + QString::fromUtf8("éé");
    QVERIFY(isIdentifierTooLong(split));
    QCOMPARE(truncatedIdentifier(split), QString(62, u'x'));
    QCOMPARE(truncatedIdentifier(split).toUtf8().size(), 62);
    // 4-byte characters: 15 fit (60 bytes), the 16th would need 64.
    QString emoji;
    for (int i = 0; i < 20; ++i)
        emoji += QString::fromUtf8("📈");
    QCOMPARE(truncatedIdentifier(emoji).toUtf8().size(), 60);
}

QTEST_APPLESS_MAIN(TestQuoting)
#include "tst_quoting.moc"
