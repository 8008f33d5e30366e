#include "pg/requestoutcome_p.h"

#include "sql/splitter.h"
#include "sql/sqlwords.h"

#include <QCoreApplication>

namespace tusk::pg {

namespace {

/// The SQL statements of a script, as text.
QStringList statementsOf(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    const std::string_view script(utf8.constData(), size_t(utf8.size()));
    QStringList out;
    for (const sql::Statement &s : sql::splitStatements(script)) {
        if (s.kind == sql::Statement::Kind::Sql) {
            const std::string_view text = s.text(script);
            out << QString::fromUtf8(text.data(), qsizetype(text.size()));
        }
    }
    return out;
}

} // namespace

bool cancelIsSafeAtLimit(const QString &sql, bool hasParams)
{
    // The simple protocol takes several statements at once; parameters allow only one.
    if (!hasParams && statementsOf(sql).size() != 1)
        return false;
    const QStringList words = sql::sqlWords(sql);
    if (words.isEmpty())
        return false;
    static const QStringList reading = {QStringLiteral("SELECT"),  QStringLiteral("VALUES"),
                                        QStringLiteral("TABLE"),   QStringLiteral("WITH"),
                                        QStringLiteral("SHOW"),    QStringLiteral("FETCH"),
                                        QStringLiteral("EXPLAIN"), QStringLiteral("COPY")};
    if (!reading.contains(words.first()))
        return false;
    static const QStringList writing = {QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                                        QStringLiteral("DELETE"), QStringLiteral("MERGE")};
    for (const QString &w : words) {
        if (writing.contains(w))
            return false;
    }
    return true;
}

bool sharesOneImplicitTransaction(const QString &sql)
{
    const QStringList statements = statementsOf(sql);
    if (statements.size() < 2)
        return false;
    static const QStringList control = {
        QStringLiteral("BEGIN"),     QStringLiteral("START"),    QStringLiteral("COMMIT"),
        QStringLiteral("END"),       QStringLiteral("ROLLBACK"), QStringLiteral("ABORT"),
        QStringLiteral("SAVEPOINT"), QStringLiteral("RELEASE"),  QStringLiteral("PREPARE"),
    };
    for (const QString &statement : statements) {
        const QStringList words = sql::sqlWords(statement);
        if (!words.isEmpty() && control.contains(words.first()))
            return false;
    }
    return true;
}

QString implicitRollbackNote()
{
    return QCoreApplication::translate(
        "tusk::pg", "The statements before it in this request were rolled back too: they ran in "
                    "one implicit transaction, whatever their messages said.");
}

QString stopReason(const QString &limit, StopOutcome outcome, bool readOnly, TransactionStatus status)
{
    // Whole sentences around the limit (%1), so that a translation need not be built from pieces.
    const char *text = nullptr;
    if (outcome == StopOutcome::Cancelled)
        text =
            QT_TRANSLATE_NOOP("tusk::pg", "%1: the statement was cancelled on the server, so the rest of its "
                                          "result was not computed and whatever it wrote (e.g. through a "
                                          "function) was rolled back.");
    else if (readOnly)
        text = QT_TRANSLATE_NOOP("tusk::pg", "%1; the rest of the result was read and dropped.");
    else if (status == TransactionStatus::Idle)
        text = QT_TRANSLATE_NOOP("tusk::pg",
                                 "%1; the rest of the result was read and dropped, and every statement "
                                 "of the request ran to its end: its changes were committed.");
    else if (status == TransactionStatus::InTransaction)
        text = QT_TRANSLATE_NOOP("tusk::pg",
                                 "%1; the rest of the result was read and dropped, and every statement "
                                 "of the request ran to its end: its changes are in the open "
                                 "transaction, not committed yet.");
    else if (status == TransactionStatus::InFailedTransaction)
        text = QT_TRANSLATE_NOOP("tusk::pg",
                                 "%1; the rest of the result was read and dropped, and every statement "
                                 "of the request ran to its end, but the open transaction has failed: "
                                 "roll it back.");
    else
        text = QT_TRANSLATE_NOOP("tusk::pg",
                                 "%1; the rest of the result was read and dropped, and every statement "
                                 "of the request ran to its end.");
    return QCoreApplication::translate("tusk::pg", text).arg(limit);
}

} // namespace tusk::pg
