#include "explain/filtercolumns.h"

#include <QRegularExpression>
#include <QSet>

namespace tusk::explain {

namespace {

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

// Words EXPLAIN prints in conditions that are not columns.
bool isKeyword(const QString &word)
{
    static const QSet<QString> keywords = {
        QStringLiteral("and"),     QStringLiteral("or"),       QStringLiteral("not"),
        QStringLiteral("is"),      QStringLiteral("null"),     QStringLiteral("true"),
        QStringLiteral("false"),   QStringLiteral("any"),      QStringLiteral("all"),
        QStringLiteral("array"),   QStringLiteral("like"),     QStringLiteral("ilike"),
        QStringLiteral("in"),      QStringLiteral("between"),  QStringLiteral("case"),
        QStringLiteral("when"),    QStringLiteral("then"),     QStringLiteral("else"),
        QStringLiteral("end"),     QStringLiteral("distinct"), QStringLiteral("from"),
        QStringLiteral("similar"), QStringLiteral("to"),       QStringLiteral("escape"),
        QStringLiteral("collate"), QStringLiteral("at"),       QStringLiteral("time"),
        QStringLiteral("zone"),    QStringLiteral("some"),     QStringLiteral("exists"),
        QStringLiteral("subplan"), QStringLiteral("initplan"), QStringLiteral("hashed"),
        QStringLiteral("returns"), QStringLiteral("row"),      QStringLiteral("unknown"),
    };
    return keywords.contains(word.toLower());
}

// Length of the type name after "::" at `at` (multi-word types included).
qsizetype castLength(const QString &text, qsizetype at)
{
    static const QRegularExpression type(
        QStringLiteral("(\"[^\"]*\"|(timestamp|time)(\\(\\d+\\))? with(out)? time zone|character varying|"
                       "double precision|bit varying|[\\w.]+)(\\(\\d+(,\\d+)?\\))?(\\[\\])*"));
    const QRegularExpressionMatch m =
        type.match(text, at, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    return m.hasMatch() ? m.capturedLength() : 0;
}

} // namespace

QStringList columnsInCondition(const QString &condition)
{
    QStringList out;
    const QString &t = condition;
    qsizetype i = 0;
    while (i < t.size()) {
        const QChar c = t.at(i);
        if (c == QLatin1Char('\'')) { // string literal, '' doubled inside
            for (++i; i < t.size(); ++i) {
                if (t.at(i) == QLatin1Char('\'')) {
                    if (i + 1 < t.size() && t.at(i + 1) == QLatin1Char('\''))
                        ++i;
                    else
                        break;
                }
            }
            ++i;
        } else if (c == QLatin1Char(':') && t.mid(i, 2) == QLatin1String("::")) {
            i += 2;
            i += castLength(t, i);
        } else if (c == QLatin1Char('$') || c.isDigit()) { // parameters and numbers
            ++i;
            while (i < t.size() && (isIdentifierChar(t.at(i)) || t.at(i) == QLatin1Char('.')))
                ++i;
        } else if (isIdentifierStart(c) || c == QLatin1Char('"')) {
            // A possibly qualified name: a.b or "A"."b"; the column is its last part.
            QString last;
            while (i < t.size()) {
                if (t.at(i) == QLatin1Char('"')) {
                    const qsizetype close = t.indexOf(QLatin1Char('"'), i + 1);
                    const qsizetype end = close < 0 ? t.size() : close;
                    last = t.mid(i + 1, end - i - 1);
                    i = end + 1;
                } else if (i < t.size() && isIdentifierStart(t.at(i))) {
                    const qsizetype start = i;
                    while (i < t.size() && isIdentifierChar(t.at(i)))
                        ++i;
                    last = t.mid(start, i - start);
                } else {
                    break;
                }
                if (i < t.size() && t.at(i) == QLatin1Char('.'))
                    ++i;
                else
                    break;
            }
            qsizetype next = i;
            while (next < t.size() && t.at(next) == QLatin1Char(' '))
                ++next;
            const bool isFunction = next < t.size() && t.at(next) == QLatin1Char('(');
            if (!last.isEmpty() && !isFunction && !isKeyword(last) && !out.contains(last))
                out << last;
        } else {
            ++i;
        }
    }
    return out;
}

} // namespace tusk::explain
