#include "explain/pastedtext.h"

#include <QRegularExpression>

namespace tusk::explain {

namespace {

// Characters psql draws frames with (ascii, old-ascii and unicode line styles).
bool isRuleChar(QChar c)
{
    static const QString rule = QStringLiteral("-+=|:\u2500\u2501\u2550\u2502\u2503\u2551\u253c\u256a\u256b"
                                               "\u256c\u251c\u2524\u255e\u2561\u250c\u2510\u2514\u2518"
                                               "\u252c\u2534\u2554\u2557\u255a\u255d\u2560\u2563\u2566"
                                               "\u2569\u2552\u2555\u2558\u255b\u2564\u2567\u2553\u2556");
    return rule.contains(c);
}

bool isRuleLine(const QString &trimmed)
{
    if (trimmed.isEmpty())
        return false;
    for (QChar c : trimmed) {
        if (!isRuleChar(c) && !c.isSpace())
            return false;
    }
    return true;
}

bool isBorder(QChar c)
{
    return c == QLatin1Char('|') || c == QChar(0x2502) || c == QChar(0x2551) || c == QChar(0x2503);
}

// One line of psql output without its borders and continuation marker.
QString stripFrame(QString line)
{
    while (!line.isEmpty() && line.back().isSpace())
        line.chop(1);
    if (!line.isEmpty() && isBorder(line.front())) {
        line.remove(0, 1);
        if (!line.isEmpty() && isBorder(line.back()))
            line.chop(1);
        while (!line.isEmpty() && line.back().isSpace())
            line.chop(1);
    }
    // A JSON line never ends in '+' or '↵': those are psql's "continues on the next line" marks.
    if (!line.isEmpty() && (line.back() == QLatin1Char('+') || line.back() == QChar(0x21b5))) {
        line.chop(1);
        while (!line.isEmpty() && line.back().isSpace())
            line.chop(1);
    }
    return line;
}

// Position just past the bracket that closes the one at `start`, or -1 if it never closes.
qsizetype balancedEnd(const QString &text, qsizetype start)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = start; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                inString = false;
        } else if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('[') || c == QLatin1Char('{')) {
            ++depth;
        } else if (c == QLatin1Char(']') || c == QLatin1Char('}')) {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

// `"[ …""Plan"": … ]"` as a spreadsheet or CSV export writes it.
bool unquoteCsv(QString &text)
{
    const QString t = text.trimmed();
    if (t.size() < 2 || !t.startsWith(QLatin1Char('"')) || !t.endsWith(QLatin1Char('"')))
        return false;
    const QString inner = t.mid(1, t.size() - 2).trimmed();
    if (!inner.startsWith(QLatin1Char('[')) && !inner.startsWith(QLatin1Char('{')))
        return false;
    text = t.mid(1, t.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
    return true;
}

bool isDelimiter(const QString &text, qsizetype i)
{
    return i >= text.size() || text.at(i).isSpace() || text.at(i) == QLatin1Char(',') ||
           text.at(i) == QLatin1Char(']') || text.at(i) == QLatin1Char('}');
}

// The regression tests' explain_filter() prints every number as N or N.N; outside strings, in a
// value position, that is never valid JSON, so turning it into null loses nothing real.
bool replaceMaskedNumbers(QString &text)
{
    bool replaced = false;
    bool inString = false;
    QChar previous; // last non-space character outside strings
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('N') && (previous == QLatin1Char(':') || previous == QLatin1Char(',') ||
                                             previous == QLatin1Char('['))) {
            qsizetype end = i + 1;
            if (text.mid(end, 2) == QLatin1String(".N"))
                end += 2;
            if (isDelimiter(text, end)) {
                text.replace(i, end - i, QStringLiteral("null"));
                i += 3;
                replaced = true;
            }
        }
        if (!c.isSpace())
            previous = text.at(i);
    }
    return replaced;
}

} // namespace

QString normaliseLineEnds(QString input)
{
    if (input.startsWith(QChar(0xfeff)))
        input.remove(0, 1);
    // Only touch the text when there is something to change: a 14 MB plan is 28 MB as a QString,
    // and a needless copy of it is most of the parser's peak memory.
    if (input.contains(QLatin1Char('\r'))) {
        input.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        input.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    }
    return input;
}

UnwrappedText unwrapPastedJson(const QString &input)
{
    static const QRegularExpression footer(QStringLiteral("^\\(\\d+ rows?\\)$"));
    static const QRegularExpression logPrefix(QStringLiteral("^(LOG|INFO|NOTICE):.*plan:\\s*"));

    UnwrappedText out;
    QString source = normaliseLineEnds(input);
    out.changed = source != input;
    if (unquoteCsv(source))
        out.changed = true;

    QStringList kept;
    const QStringList lines = source.split(QLatin1Char('\n'));
    bool started = false;
    for (int i = 0; i < lines.size(); ++i) {
        QString line = stripFrame(lines.at(i));
        const QString trimmed = line.trimmed();
        if (line != lines.at(i))
            out.changed = true;
        if (trimmed == QLatin1String("QUERY PLAN") || isRuleLine(trimmed) ||
            footer.match(trimmed).hasMatch()) {
            out.changed = true;
            continue;
        }
        if (!started) {
            // Skip prompts, SQL and log text until a line opens the JSON document; an auto_explain
            // line may carry the opening bracket after its "plan:".
            QString rest = trimmed;
            rest.remove(logPrefix);
            if (!rest.startsWith(QLatin1Char('[')) && !rest.startsWith(QLatin1Char('{'))) {
                out.changed = true;
                continue;
            }
            started = true;
            line = rest;
        }
        kept << line;
        out.originalLine << i + 1;
    }
    QString joined = kept.join(QLatin1Char('\n'));
    const qsizetype end = joined.isEmpty() ? -1 : balancedEnd(joined, 0);
    if (end > 0 && end < joined.size()) {
        const QString tail = joined.mid(end).trimmed();
        joined.truncate(end);
        if (!tail.isEmpty())
            out.changed = true;
    }
    out.numbersMasked = replaceMaskedNumbers(joined);
    out.changed = out.changed || out.numbersMasked;
    out.text = joined;
    return out;
}

} // namespace tusk::explain

namespace tusk::explain {

// Shared with unwrapPastedPlan() (pastedplan.cpp): the frame rules are the same for every format.
QString stripPsqlFrame(const QString &line)
{
    return stripFrame(line);
}

bool isPsqlRuleLine(const QString &trimmed)
{
    return isRuleLine(trimmed);
}

} // namespace tusk::explain
