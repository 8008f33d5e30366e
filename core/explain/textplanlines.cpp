#include "explain/textplanlines_p.h"

#include "explain/pastedtext.h"
#include "explain/textnodeheader_p.h"
#include "explain/textproperties_p.h"

#include <QRegularExpression>
#include <QStringList>

namespace tusk::explain::text {

namespace {

bool isBorder(QChar c)
{
    return c == QLatin1Char('|') || c == QChar(0x2502) || c == QChar(0x2551) || c == QChar(0x2503);
}

// A line drawn only with psql's rule characters ("----+----", "═══╪═══", "└──┘").
bool isRuleLine(const QString &trimmed)
{
    static const QString rule = QStringLiteral("-+=|:\u2500\u2501\u2550\u2502\u2503\u2551\u253c\u256a\u256b"
                                               "\u256c\u251c\u2524\u255e\u2561\u250c\u2510\u2514\u2518"
                                               "\u252c\u2534\u2554\u2557\u255a\u255d\u2560\u2563\u2566"
                                               "\u2569\u2552\u2555\u2558\u255b\u2564\u2567\u2553\u2556");
    if (trimmed.isEmpty())
        return false;
    for (QChar c : trimmed) {
        if (!rule.contains(c) && !c.isSpace())
            return false;
    }
    return true;
}

bool isFooter(const QString &trimmed)
{
    // "(9 rows)", "(1 row)", "(112 lignes)", "(3 Zeilen)", "(5 行)": any language.
    static const QRegularExpression footer(QStringLiteral("^\\(\\d+ [^()\\s]+\\)$"));
    return footer.match(trimmed).hasMatch();
}

bool isRecordHeader(const QString &trimmed)
{
    static const QRegularExpression record(
        QStringLiteral("^[-\u2500\u2550]\\[ .+ \\d+ \\][-\u2500\u2550]*$"));
    return record.match(trimmed).hasMatch();
}

bool isArrowLine(const QString &trimmed)
{
    return trimmed.startsWith(QLatin1String("->"));
}

// "->  Seq Scan …" → "Seq Scan …".
QString withoutArrow(const QString &trimmed)
{
    return isArrowLine(trimmed) ? trimmed.mid(2).trimmed() : trimmed;
}

// Share of the non-empty lines for which `test` holds.
template<typename Test> bool mostLines(const QStringList &lines, double share, Test test)
{
    int nonEmpty = 0, hits = 0;
    for (const QString &l : lines) {
        if (l.trimmed().isEmpty())
            continue;
        ++nonEmpty;
        hits += test(l) ? 1 : 0;
    }
    return nonEmpty > 0 && hits >= share * nonEmpty;
}

struct Raw
{
    QString text;
    int column = 0;             // characters removed on the left
    bool trailingSpace = false; // a terminal may have cut the line at that space
    int length = 0;             // as pasted, padding included
};

// The width a terminal wrapped the text at: the longest line length, when several plan lines
// have exactly that length (psql does not pad plan rows, so only cut lines share it). 0 if none.
int wrapWidth(const QVector<Raw> &lines)
{
    int width = 0, count = 0;
    for (const Raw &r : lines)
        width = qMax(width, r.length);
    for (const Raw &r : lines)
        count += r.length == width && !isRuleLine(r.text.trimmed()) ? 1 : 0;
    return count >= 2 ? width : 0;
}

// Removes CSV or single quotes around every line ("Limit  (cost=…)" as a spreadsheet copies it).
void unquoteLines(QVector<Raw> *lines)
{
    QStringList texts;
    for (const Raw &r : *lines)
        texts << r.text.trimmed();
    for (QChar q : {QLatin1Char('"'), QLatin1Char('\'')}) {
        // Some copies quote only the end of each line; the opening quote is then missing.
        const auto closed = [q](const QString &t) { return t.size() >= 2 && t.endsWith(q); };
        if (!mostLines(texts, 0.8, closed))
            continue;
        for (Raw &r : *lines) {
            QString t = r.text.trimmed();
            if (!closed(t))
                continue;
            t.chop(1);
            if (t.startsWith(q)) {
                r.column += int(r.text.indexOf(q)) + 1;
                t.remove(0, 1);
            }
            r.text = t;
            if (q == QLatin1Char('"'))
                r.text.replace(QLatin1String("\"\""), QLatin1String("\""));
        }
        return;
    }
}

void stripFrames(QVector<Raw> *lines)
{
    QStringList texts;
    for (const Raw &r : *lines)
        texts << r.text;
    const bool expanded =
        mostLines(texts, 0.0001, [](const QString &l) { return isRecordHeader(l.trimmed()); });
    // DBeaver and some psql set-ups close every line with a border but do not open it.
    // Border 2: a row a terminal wrapped keeps its closing border on a piece without an opening one.
    const bool leadingBorders =
        mostLines(texts, 0.25, [](const QString &l) { return !l.isEmpty() && isBorder(l.front()); });
    const bool trailingBorders = mostLines(texts, 0.8, [](const QString &l) {
        const QString t = l.trimmed();
        return !t.isEmpty() && isBorder(t.back());
    });
    for (Raw &r : *lines) {
        QString &l = r.text;
        r.trailingSpace = !l.isEmpty() && l.back().isSpace();
        while (!l.isEmpty() && l.back().isSpace())
            l.chop(1);
        bool opened = false;
        if (!l.isEmpty() && isBorder(l.front())) {
            l.remove(0, 1);
            ++r.column;
            opened = true;
        }
        if (expanded) {
            // "QUERY PLAN | <line>": the column name and its border go, one space after it too.
            qsizetype bar = -1;
            for (qsizetype i = 0; i < l.size() && bar < 0; ++i)
                bar = isBorder(l.at(i)) ? i : -1;
            if (bar >= 0 && !isRecordHeader(l.trimmed())) {
                const qsizetype cut =
                    bar + 1 + (bar + 1 < l.size() && l.at(bar + 1) == QLatin1Char(' ') ? 1 : 0);
                l.remove(0, cut);
                r.column += int(cut);
            }
        }
        if ((opened || trailingBorders || leadingBorders || expanded) && !l.isEmpty() && isBorder(l.back())) {
            l.chop(1);
            while (!l.isEmpty() && l.back().isSpace())
                l.chop(1);
        }
    }
    // psql marks a cell's line breaks with '+' (ascii) or '↵' (unicode) when the plan is one value.
    texts.clear();
    for (const Raw &r : *lines)
        texts << r.text;
    const auto marked = [](const QString &l) {
        return !l.isEmpty() && (l.back() == QLatin1Char('+') || l.back() == QChar(0x21b5));
    };
    if (mostLines(texts, 0.5, marked)) {
        for (Raw &r : *lines) {
            if (marked(r.text)) {
                r.text.chop(1);
                while (!r.text.isEmpty() && r.text.back().isSpace())
                    r.text.chop(1);
            }
        }
    }
}

bool isRootLine(const QString &trimmed)
{
    const QString content = withoutArrow(trimmed);
    if (content.isEmpty() || isFooter(trimmed))
        return false;
    return startsWithKnownNode(content) || (hasNodeFigures(content) && content.front().isLetter());
}

// A line that starts something in a plan (so a terminal did not cut it off the line before).
bool startsPlanLine(const QString &trimmed)
{
    QString key, value;
    return isArrowLine(trimmed) || isSubplanLabel(trimmed) || splitProperty(trimmed, &key, &value);
}

// More '(' than ')' outside quotes: the figures or an expression go on in the next line.
bool opensParenthesis(const QString &text)
{
    int depth = 0;
    QChar quote;
    for (QChar c : text) {
        if (!quote.isNull())
            quote = c == quote ? QChar() : quote;
        else if (c == QLatin1Char('\''))
            quote = c;
        else
            depth += c == QLatin1Char('(') ? 1 : c == QLatin1Char(')') ? -1 : 0;
    }
    return depth > 0;
}

} // namespace

int indentation(const QString &content)
{
    int n = 0;
    while (n < content.size() && content.at(n) == QLatin1Char(' '))
        ++n;
    return n;
}

bool isSubplanLabel(const QString &trimmed)
{
    static const QRegularExpression label(
        QStringLiteral("^(?:InitPlan(?: \\d+)?(?: \\(returns .*\\))?|SubPlan(?: \\d+)?|CTE \\S.*)$"));
    return label.match(trimmed).hasMatch();
}

TextPlanLines extractTextPlan(const QString &input)
{
    TextPlanLines out;
    QVector<Raw> raw;
    for (QString l : normaliseLineEnds(input).split(QLatin1Char('\n'))) {
        // Tabs count as four columns: pasted plans that mix them with spaces line up that way.
        l.replace(QLatin1Char('\t'), QLatin1String("    "));
        raw.append(Raw{l, 0, false, int(l.size())});
    }
    unquoteLines(&raw);
    stripFrames(&raw);

    int start = -1;
    for (int i = 0; i < raw.size() && start < 0; ++i) {
        if (isRootLine(raw.at(i).text.trimmed()))
            start = i;
    }
    if (start < 0)
        return out;

    // auto_explain: "Query Text: …" (possibly several lines) right before the plan.
    for (int i = 0; i < start; ++i) {
        const QString t = raw.at(i).text.trimmed();
        if (t.startsWith(QLatin1String("Query Text:"))) {
            QStringList query{t.mid(11).trimmed()};
            for (int j = i + 1; j < start; ++j)
                query << raw.at(j).text.trimmed();
            out.queryText = query.join(QLatin1Char('\n')).trimmed();
            break;
        }
    }

    const int rootColumn = indentation(raw.at(start).text);
    const int wrappedAt = wrapWidth(raw);
    bool afterBlank = false;
    int previous = start;
    for (int i = start; i < raw.size(); ++i) {
        const QString &content = raw.at(i).text;
        const QString trimmed = content.trimmed();
        if (trimmed.isEmpty()) {
            afterBlank = true;
            continue;
        }
        if (isFooter(trimmed))
            break;
        if (isRuleLine(trimmed) || isRecordHeader(trimmed))
            continue;
        const int indent = indentation(content);
        const bool starts = startsPlanLine(trimmed);
        // After an empty line, only what still belongs to a plan continues it (not a prompt).
        if (afterBlank && !starts && indent <= rootColumn)
            break;
        afterBlank = false;
        // A terminal's cut: the rest of a line is no plan line of its own and starts left of the
        // plan (column 0, or left of a psql-framed root), inside an open parenthesis, or right
        // after a line exactly as wide as the terminal. Plan lines left of the root are kept:
        // hand-edited pastes lose indentation.
        const bool atTerminalWidth = wrappedAt > 0 && raw.at(previous).length == wrappedAt;
        const bool cutOff =
            !out.lines.isEmpty() && ((!starts && (indent == 0 || indent < rootColumn)) ||
                                     (!starts && opensParenthesis(out.lines.last().content)) ||
                                     (atTerminalWidth && (!starts || indent < rootColumn)));
        if (cutOff) {
            // The terminal cut the line at a space we trimmed as padding: put it back.
            if (raw.at(previous).trailingSpace && !content.front().isSpace())
                out.lines.last().content += QLatin1Char(' ');
            out.lines.last().content += content;
            previous = i;
            continue;
        }
        out.lines.append(TextLine{content, i + 1, raw.at(i).column});
        previous = i;
    }
    return out;
}

} // namespace tusk::explain::text
