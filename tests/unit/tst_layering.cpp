// Guards the layering rule of DESIGN.md: core/ never includes QtGui or QtWidgets headers,
// and only core/pg/*.cpp and private headers may include libpq.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class TestLayering : public QObject
{
    Q_OBJECT
private slots:
    void coreIncludesNoGuiHeaders();
    void publicCoreHeadersDoNotLeakLibpq();

private:
    static QStringList files(const QString &dir, const QStringList &filters);
};

QStringList TestLayering::files(const QString &dir, const QStringList &filters)
{
    QStringList out;
    QDirIterator it(dir, filters, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

void TestLayering::coreIncludesNoGuiHeaders()
{
    static const QRegularExpression gui(QStringLiteral(
        R"(#\s*include\s*[<"](QtWidgets|QtGui|QWidget|QPainter|QColor|QPixmap|QImage|QIcon|QFont|QApplication|)"
        R"(QGuiApplication|QPalette|QAction|Qsci/)[^>"]*[>"])"));
    const QStringList sources =
        files(QStringLiteral(TUSK_SOURCE_DIR "/core"), {QStringLiteral("*.h"), QStringLiteral("*.cpp")});
    QVERIFY2(sources.size() > 10, "core/ sources not found");
    QStringList offenders;
    for (const QString &path : sources) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        auto m = gui.match(text);
        if (m.hasMatch())
            offenders << path + QStringLiteral(": ") + m.captured(0);
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
}

void TestLayering::publicCoreHeadersDoNotLeakLibpq()
{
    QStringList offenders;
    for (const QString &path : files(QStringLiteral(TUSK_SOURCE_DIR "/core"), {QStringLiteral("*.h")})) {
        if (path.endsWith(QLatin1String("_p.h")))
            continue;
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        if (f.readAll().contains("libpq-fe.h"))
            offenders << path;
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
}

QTEST_APPLESS_MAIN(TestLayering)
#include "tst_layering.moc"
