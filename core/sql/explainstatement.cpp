#include "sql/explainstatement.h"

#include "sql/sqlwords.h"

#include <QCoreApplication>

namespace tusk::sql {

namespace {
QString trimmedStatement(const QString &statement)
{
    QString s = statement.trimmed();
    while (s.endsWith(u';'))
        s = s.chopped(1).trimmed();
    return s;
}
} // namespace

bool statementChangesData(const QString &statement)
{
    const QStringList w = sqlWords(statement);
    if (w.isEmpty())
        return false;
    const QString &first = w.first();
    static const QStringList changing = {QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                                         QStringLiteral("DELETE"), QStringLiteral("MERGE"),
                                         QStringLiteral("CREATE"), QStringLiteral("EXECUTE")};
    if (changing.contains(first))
        return true; // EXECUTE: the prepared statement may be anything, so assume the worst
    if (first == QLatin1String("SELECT") || first == QLatin1String("WITH") ||
        first == QLatin1String("VALUES") || first == QLatin1String("TABLE")) {
        for (qsizetype i = 1; i < w.size(); ++i) {
            const QString &word = w[i];
            // FOR UPDATE / FOR NO KEY UPDATE lock rows; they change nothing.
            if (word == QLatin1String("UPDATE") &&
                (w[i - 1] == QLatin1String("FOR") || w[i - 1] == QLatin1String("KEY")))
                continue;
            if (first == QLatin1String("WITH") &&
                (word == QLatin1String("INSERT") || word == QLatin1String("UPDATE") ||
                 word == QLatin1String("DELETE") || word == QLatin1String("MERGE")))
                return true;
            // SELECT … INTO new_table creates it (INTO outside strings and comments).
            if (word == QLatin1String("INTO"))
                return true;
        }
    }
    return false;
}

Result<ExplainStatement, QString> explainStatement(const QString &statement, const ExplainOptions &o,
                                                   int serverVersion)
{
    const QString body = trimmedStatement(statement);
    const QStringList w = sqlWords(body);
    if (w.isEmpty())
        return QCoreApplication::translate("tusk::sql", "There is no statement to explain.");
    const QString &first = w.first();
    if (first == QLatin1String("EXPLAIN"))
        return QCoreApplication::translate(
            "tusk::sql", "The statement is an EXPLAIN already: run it as it is, or remove EXPLAIN.");
    static const QStringList explainable = {
        QStringLiteral("SELECT"),  QStringLiteral("INSERT"),  QStringLiteral("UPDATE"),
        QStringLiteral("DELETE"),  QStringLiteral("MERGE"),   QStringLiteral("VALUES"),
        QStringLiteral("EXECUTE"), QStringLiteral("DECLARE"), QStringLiteral("CREATE"),
        QStringLiteral("WITH"),    QStringLiteral("TABLE")};
    if (!explainable.contains(first))
        return QCoreApplication::translate(
                   "tusk::sql",
                   "EXPLAIN takes SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE "
                   "and CREATE TABLE … AS; this statement is %1.")
            .arg(first);

    ExplainStatement out;
    QStringList options{QStringLiteral("FORMAT JSON")};
    if (o.analyze)
        options << QStringLiteral("ANALYZE");
    if (o.verbose)
        options << QStringLiteral("VERBOSE");
    if (o.buffers) {
        if (o.analyze || serverVersion >= 130000)
            options << QStringLiteral("BUFFERS");
        else
            out.droppedOptions << QCoreApplication::translate(
                "tusk::sql", "BUFFERS (without ANALYZE it needs PostgreSQL 13)");
    }
    if (o.settings) {
        if (serverVersion >= 120000)
            options << QStringLiteral("SETTINGS");
        else
            out.droppedOptions << QCoreApplication::translate("tusk::sql", "SETTINGS (needs PostgreSQL 12)");
    }
    if (o.wal && o.analyze) {
        if (serverVersion >= 130000)
            options << QStringLiteral("WAL");
        else
            out.droppedOptions << QCoreApplication::translate("tusk::sql", "WAL (needs PostgreSQL 13)");
    }
    if (o.analyze && !o.timing)
        options << QStringLiteral("TIMING FALSE");
    if (!o.costs)
        options << QStringLiteral("COSTS FALSE");
    const QString prefix = QStringLiteral("EXPLAIN (%1) ").arg(options.join(QStringLiteral(", ")));
    out.sql = prefix + body;
    out.statementOffset = int(prefix.size());
    while (out.leadingTrimmed < statement.size() && statement.at(out.leadingTrimmed).isSpace())
        ++out.leadingTrimmed;
    out.changesData = statementChangesData(body);
    return out;
}

QString explainedStatement(const QString &explain)
{
    const QString text = explain.trimmed();
    qsizetype i = 0;
    const auto word = [&](QLatin1String w) {
        if (text.mid(i, w.size()).compare(w, Qt::CaseInsensitive) != 0 ||
            (i + w.size() < text.size() &&
             (text.at(i + w.size()).isLetterOrNumber() || text.at(i + w.size()) == u'_')))
            return false;
        i += w.size();
        while (i < text.size() && text.at(i).isSpace())
            ++i;
        return true;
    };
    if (!word(QLatin1String("EXPLAIN")))
        return {};
    if (i < text.size() && text.at(i) == u'(') {
        // Options are words, numbers and quoted strings: the first ')' outside quotes ends them.
        bool quoted = false;
        for (; i < text.size(); ++i) {
            if (text.at(i) == u'\'')
                quoted = !quoted;
            else if (!quoted && text.at(i) == u')')
                break;
        }
        ++i;
        while (i < text.size() && text.at(i).isSpace())
            ++i;
    } else {
        // The old syntax: EXPLAIN [ANALYZE] [VERBOSE] statement.
        word(QLatin1String("ANALYZE")) || word(QLatin1String("ANALYSE"));
        word(QLatin1String("VERBOSE"));
    }
    return i < text.size() ? text.mid(i) : QString();
}

} // namespace tusk::sql
