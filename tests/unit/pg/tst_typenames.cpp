#include "pg/typenames.h"

#include <QTest>

using tusk::pg::typeName;

class TestTypeNames : public QObject
{
    Q_OBJECT
private slots:
    void namesBuiltInTypes();
    void showsModifiersLikeFormatType();
    void fallsBackToTheOid();
};

void TestTypeNames::namesBuiltInTypes()
{
    QCOMPARE(typeName(23), QStringLiteral("int4"));
    QCOMPARE(typeName(1184), QStringLiteral("timestamptz"));
    QCOMPARE(typeName(3802), QStringLiteral("jsonb"));
    QCOMPARE(typeName(2950), QStringLiteral("uuid"));
    QCOMPARE(typeName(1009), QStringLiteral("text[]"));
    QCOMPARE(typeName(16), QStringLiteral("bool"));
    QCOMPARE(typeName(5069), QStringLiteral("xid8"));
}

void TestTypeNames::showsModifiersLikeFormatType()
{
    QCOMPARE(typeName(1700, (12 << 16 | 2) + 4), QStringLiteral("numeric(12,2)"));
    QCOMPARE(typeName(1700, (5 << 16 | (-2 & 0x7ff)) + 4), QStringLiteral("numeric(5,-2)"));
    QCOMPARE(typeName(1700, -1), QStringLiteral("numeric"));
    QCOMPARE(typeName(1043, 44), QStringLiteral("varchar(40)"));
    QCOMPARE(typeName(1042, 5), QStringLiteral("bpchar(1)"));
    QCOMPARE(typeName(1184, 3), QStringLiteral("timestamptz(3)"));
    QCOMPARE(typeName(25, 10), QStringLiteral("text"));
}

void TestTypeNames::fallsBackToTheOid()
{
    QCOMPARE(typeName(16385), QStringLiteral("oid 16385"));
    QCOMPARE(typeName(0), QStringLiteral("oid 0"));
}

QTEST_APPLESS_MAIN(TestTypeNames)
#include "tst_typenames.moc"
