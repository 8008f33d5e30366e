#pragma once

// Golden files (KSyntaxHighlighting's pattern): a test renders what it checks as text and compares
// it with a reference file under tests/data/golden/. The reference changes only on purpose:
// TUSK_UPDATE_GOLDEN=1 rewrites it (and says so), and the diff is reviewed like code.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>

namespace tusk::test {

inline QString goldenPath(const QString &relative)
{
    return QStringLiteral(TUSK_SOURCE_DIR "/tests/data/golden/") + relative;
}

/// True when actual equals the reference file; else false with the first differing line in why.
/// With TUSK_UPDATE_GOLDEN=1 the file is (re)written and the result is true.
inline bool matchesGolden(const QString &relative, const QString &actual, QString *why)
{
    const QString path = goldenPath(relative);
    if (qEnvironmentVariableIntValue("TUSK_UPDATE_GOLDEN") == 1) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(actual.toUtf8()) < 0) {
            *why = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
            return false;
        }
        qInfo("golden file written: %s", qPrintable(path));
        return true;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("no reference file %1 (run with TUSK_UPDATE_GOLDEN=1 to write it, then review "
                              "it)")
                   .arg(path);
        return false;
    }
    const QString expected = QString::fromUtf8(in.readAll());
    if (expected == actual)
        return true;
    const QStringList e = expected.split(QLatin1Char('\n'));
    const QStringList a = actual.split(QLatin1Char('\n'));
    int line = 0;
    while (line < e.size() && line < a.size() && e[line] == a[line])
        ++line;
    *why = QStringLiteral(
               "%1 differs at line %2:\n  expected: %3\n  actual:   %4\n(TUSK_UPDATE_GOLDEN=1 rewrites "
               "it when the change is intended)")
               .arg(path)
               .arg(line + 1)
               .arg(e.value(line, QStringLiteral("<end of file>")),
                    a.value(line, QStringLiteral("<end of file>")));
    return false;
}

} // namespace tusk::test
