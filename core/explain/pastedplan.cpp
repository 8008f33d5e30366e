#include "explain/pastedplan.h"

#include "explain/pastedtext_p.h"

#include <QRegularExpression>
#include <QStringList>

namespace tusk::explain {

namespace {

// Where a plan starts in a line (psql frame already removed), or -1. YAML plans start with the
// statement list item or, from auto_explain, with the statement's first key; a bare node
// mapping pasted on its own starts with "Node Type".
qsizetype planStart(const QString &line, MarkupFormat format)
{
    if (format == MarkupFormat::Xml) {
        for (const char *tag : {"<?xml", "<explain", "<Query>", "<Plan>"}) {
            const qsizetype at = line.indexOf(QLatin1String(tag));
            if (at >= 0)
                return at;
        }
        return -1;
    }
    static const QRegularExpression yamlStart(
        QStringLiteral("^(\\s*)(- +)?(Plan|Query Text|Query Identifier|Node Type)\\s*:(\\s|$)"));
    const QRegularExpressionMatch m = yamlStart.match(line);
    return m.hasMatch() ? m.capturedLength(1) : -1;
}

} // namespace

void UnwrappedPlan::mapBack(int *line, int *column) const
{
    if (*line <= 0 || originalLine.isEmpty())
        return;
    const int i = std::min(*line, int(originalLine.size())) - 1;
    *line = originalLine.at(i);
    if (*column > 0)
        *column += columnOffset.at(i);
}

UnwrappedPlan unwrapPastedPlan(const QString &input, MarkupFormat format)
{
    static const QRegularExpression footer(QStringLiteral("^\\(\\d+ rows?\\)$"));

    UnwrappedPlan out;
    const QString source = normaliseLineEnds(input);
    out.changed = source != input;
    const QStringList lines = source.split(QLatin1Char('\n'));

    QStringList kept;
    QString prefix; // whitespace before the plan's first line: psql's margin or the log's tab
    bool started = false;
    bool listAtMargin = false; // the YAML plan is EXPLAIN's list of statements
    for (int i = 0; i < lines.size(); ++i) {
        const QString &original = lines.at(i);
        QString line = stripPsqlFrame(original);
        const QString trimmed = line.trimmed();
        if (!started) {
            const qsizetype at = planStart(line, format);
            if (at < 0) {
                out.changed = out.changed || !original.isEmpty();
                continue;
            }
            started = true;
            prefix = line.left(at);
            if (!prefix.trimmed().isEmpty()) // "LOG: … plan: <explain …>" on one line
                prefix.clear();
            line = line.mid(at);
            listAtMargin = line.startsWith(QLatin1String("- "));
        } else if (trimmed == QLatin1String("QUERY PLAN") ||
                   (trimmed.size() >= 3 && isPsqlRuleLine(trimmed)) || footer.match(trimmed).hasMatch()) {
            break;
        } else if (format == MarkupFormat::Yaml && listAtMargin && line.size() > prefix.size() &&
                   line.startsWith(prefix) && !line.at(prefix.size()).isSpace() &&
                   !line.mid(prefix.size()).startsWith(QLatin1String("- "))) {
            // EXPLAIN's statement list: at its margin only "- " items; anything else there (the
            // next prompt after `psql -At` output) follows the plan.
            break;
        } else if (format == MarkupFormat::Yaml && !trimmed.isEmpty() && !line.startsWith(prefix)) {
            // Text in the plan's margin belongs to what follows the plan; other whitespace (a
            // tab) is the plan's own, for the reader to judge.
            if (!line.front().isSpace())
                break;
        } else if (line.startsWith(prefix)) {
            line.remove(0, prefix.size());
        }
        if (line != original)
            out.changed = true;
        out.originalLine << i + 1;
        out.columnOffset << int(std::max<qsizetype>(0, line.isEmpty() ? 0 : original.indexOf(line)));
        kept << line;
        if (format == MarkupFormat::Xml && line.contains(QLatin1String("</explain>"))) {
            out.changed = out.changed || i + 1 < lines.size();
            break;
        }
    }
    while (!kept.isEmpty() && kept.last().trimmed().isEmpty()) {
        kept.removeLast();
        out.originalLine.removeLast();
        out.columnOffset.removeLast();
    }
    out.text = kept.join(QLatin1Char('\n'));
    return out;
}

} // namespace tusk::explain
