// Reads EXPLAIN's condition texts for the index advisor. PostgreSQL prints conditions with every
// comparison in parentheses and operators between spaces (`((a = 1) AND (b.c > $1))`), which
// is what makes a small scanner enough; whatever does not fit the pattern is left out.
#include "explain/indexconditions_p.h"

#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace tusk::explain::detail {

namespace {

// Calls f(i, depth) for every character outside string literals and quoted identifiers.
template<typename F> void scanTopLevel(const QString &s, F f)
{
    int depth = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            for (++i; i < s.size(); ++i) {
                if (s.at(i) == c) {
                    if (i + 1 < s.size() && s.at(i + 1) == c)
                        ++i; // doubled quote inside
                    else
                        break;
                }
            }
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('['))
            ++depth;
        else if (c == QLatin1Char(')') || c == QLatin1Char(']'))
            --depth;
        else if (!f(i, depth))
            return;
    }
}

// Removes parentheses that enclose the whole text: `((a = 1))` → `a = 1`.
QString stripParens(QString s)
{
    s = s.trimmed();
    while (s.startsWith(QLatin1Char('(')) && s.endsWith(QLatin1Char(')'))) {
        // The opening parenthesis must close at the very end, not `(a) = (b)`.
        int depth = 0;
        qsizetype closeAt = -1;
        bool inQuote = false;
        QChar quote;
        for (qsizetype i = 0; i < s.size() && closeAt < 0; ++i) {
            const QChar c = s.at(i);
            if (inQuote) {
                if (c == quote)
                    inQuote = false; // a doubled quote re-enters at once: harmless here
            } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                inQuote = true;
                quote = c;
            } else if (c == QLatin1Char('(')) {
                ++depth;
            } else if (c == QLatin1Char(')') && --depth == 0) {
                closeAt = i;
            }
        }
        if (closeAt != s.size() - 1)
            break;
        s = s.mid(1, s.size() - 2).trimmed();
    }
    return s;
}

// Splits at a word operator (" AND ", " OR ") outside parentheses and quotes.
QStringList splitTopLevel(const QString &s, QLatin1String word)
{
    QStringList parts;
    qsizetype start = 0;
    scanTopLevel(s, [&](qsizetype i, int depth) {
        if (depth == 0 && s.at(i) == QLatin1Char(' ') && QStringView(s).mid(i).startsWith(word)) {
            parts << s.mid(start, i - start);
            start = i + word.size();
        }
        return true;
    });
    parts << s.mid(start);
    return parts;
}

const QString kIdent = QStringLiteral(R"(("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))");

bool isKeyword(const QString &word)
{
    static const QSet<QString> words = {QStringLiteral("true"),
                                        QStringLiteral("false"),
                                        QStringLiteral("null"),
                                        QStringLiteral("not"),
                                        QStringLiteral("any"),
                                        QStringLiteral("all"),
                                        QStringLiteral("array"),
                                        QStringLiteral("current_date"),
                                        QStringLiteral("current_timestamp"),
                                        QStringLiteral("localtimestamp"),
                                        QStringLiteral("current_user"),
                                        QStringLiteral("session_user")};
    return words.contains(word.toLower());
}

// `t.col`, `"Col"`, `(col)::text` (a varchar column compared as text; an index on the column
// serves it), `lower(t.col)` or `lower((col)::text)`.
std::optional<ColumnRef> columnRef(const QString &text, bool allowFunction = true)
{
    static const QRegularExpression textCast(
        QStringLiteral(R"(^\((.+)\)::(text|character varying|varchar|bpchar)$)"));
    static const QRegularExpression qualified(QStringLiteral("^(?:%1\\.)?%1$").arg(kIdent));
    static const QRegularExpression call(QStringLiteral(R"(^([a-z_][a-z0-9_]*)\((.+)\)$)"));
    QString s = stripParens(text);
    if (const auto m = textCast.match(s); m.hasMatch())
        s = stripParens(m.captured(1));
    if (const auto m = qualified.match(s); m.hasMatch()) {
        const QString col = m.captured(2);
        if (!col.startsWith(QLatin1Char('"')) && isKeyword(col))
            return std::nullopt;
        return ColumnRef{m.captured(1).isEmpty() ? QString() : unquoteIdentifier(m.captured(1)),
                         unquoteIdentifier(col), QString()};
    }
    if (allowFunction) {
        if (const auto m = call.match(s); m.hasMatch() && !isKeyword(m.captured(1))) {
            if (auto inner = columnRef(m.captured(2), false)) {
                inner->function = m.captured(1);
                return inner;
            }
        }
    }
    return std::nullopt;
}

// A value fixed for the scan: a literal (with a cast), a parameter ($1, an InitPlan's $0), NULL,
// a boolean, a function without arguments (now()), or ANY of one of these.
bool isConstant(const QString &text)
{
    static const QRegularExpression literal(
        QStringLiteral(
            R"(^('(?:[^']|'')*'|-?\d+(\.\d+)?(e[-+]?\d+)?|\$\d+|NULL|true|false|[a-z_]+\(\))(::[\w .\[\]"()]+)?$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression any(QStringLiteral(R"(^(ANY|ALL) \((.*)\)$)"));
    const QString s = stripParens(text);
    if (const auto m = any.match(s); m.hasMatch())
        return m.captured(1) == QLatin1String("ANY") && isConstant(m.captured(2));
    return literal.match(s).hasMatch();
}

// 'abc%'::text → true: a LIKE pattern with a fixed prefix (a B-tree can range-scan it).
bool isPrefixPattern(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^'([^%_'\\][^']*)'(::[\w ]+)?$)"));
    return pattern.match(stripParens(text)).hasMatch();
}

} // namespace

QString unquoteIdentifier(const QString &text)
{
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        return text.mid(1, text.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return text;
}

QStringList conjuncts(const QString &condition)
{
    QStringList out;
    for (const QString &part : splitTopLevel(stripParens(condition), QLatin1String(" AND ")))
        out << stripParens(part);
    return out;
}

QVector<Comparison> comparisons(const QString &condition)
{
    QVector<Comparison> out;
    for (const QString &c : conjuncts(condition)) {
        if (splitTopLevel(c, QLatin1String(" OR ")).size() > 1)
            continue;
        if (c.endsWith(QLatin1String(" IS NULL")) && !c.endsWith(QLatin1String(" IS NOT NULL"))) {
            if (auto col = columnRef(c.left(c.size() - 8)))
                out << Comparison{*col, Comparison::Kind::Equality, false, {}};
            continue;
        }
        // The first operator between spaces at the top level: ` = `, ` >= `, ` ~~ `.
        qsizetype opAt = -1;
        QString op;
        static const QString opChars = QStringLiteral("=<>!~*+-/%^|&#@");
        scanTopLevel(c, [&](qsizetype i, int depth) {
            if (depth != 0 || c.at(i) != QLatin1Char(' ') || i + 1 >= c.size() ||
                !opChars.contains(c.at(i + 1)))
                return true;
            qsizetype end = i + 1;
            while (end < c.size() && opChars.contains(c.at(end)))
                ++end;
            if (end < c.size() && c.at(end) == QLatin1Char(' ')) {
                opAt = i;
                op = c.mid(i + 1, end - i - 1);
                return false;
            }
            return true;
        });
        if (opAt < 0)
            continue;
        const QString left = c.left(opAt);
        const QString right = c.mid(opAt + op.size() + 2);
        Comparison::Kind kind;
        if (op == QLatin1String("="))
            kind = Comparison::Kind::Equality;
        else if (op == QLatin1String("<") || op == QLatin1String("<=") || op == QLatin1String(">") ||
                 op == QLatin1String(">="))
            kind = Comparison::Kind::Range;
        else if (op == QLatin1String("~~") && isPrefixPattern(right))
            kind = Comparison::Kind::PrefixLike;
        else
            continue; // <>, ILIKE, regular expressions, arithmetic: no plain B-tree use
        const auto l = columnRef(left);
        const auto r = kind == Comparison::Kind::PrefixLike ? std::nullopt : columnRef(right);
        if (l && r) {
            if (kind == Comparison::Kind::Equality) {
                out << Comparison{*l, kind, true, *r};
                out << Comparison{*r, kind, true, *l};
            }
        } else if (l && isConstant(right)) {
            out << Comparison{*l, kind, false, {}};
        } else if (r && isConstant(left)) {
            out << Comparison{*r, kind, false, {}};
        }
    }
    return out;
}

} // namespace tusk::explain::detail
