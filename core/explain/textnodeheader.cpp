#include "explain/textnodeheader_p.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>

namespace tusk::explain::text {

namespace {

// A number as EXPLAIN prints it, or the regression tests' mask (N, N.N).
#define TUSK_NUM "(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|N(?:\\.N)?)"

const QRegularExpression &knownNode()
{
    // Node names of PostgreSQL 9.0–18 as the TEXT format spells them (explain.c), followed by
    // what may come after a name; the lookahead keeps "Sort Key:" or SQL from matching.
    static const QRegularExpression re(QStringLiteral(
        "^(?:Parallel |Async )?(?:Partial |Finalize )?"
        "(?:(?:Nested Loop|Hash|Merge)(?: (?:Left|Right|Full|Semi|Anti|Right Semi|Right Anti))? Join"
        "|Nested Loop|(?:Hash)?SetOp (?:Except|Intersect)(?: All)?"
        "|(?:Insert|Update|Delete|Merge) on \\S+(?: \\S+)?(?=$|\\s+\\()|Foreign (?:Scan|Insert|Update|Delete)"
        "|Custom Scan \\([^)]*\\)|Result|ProjectSet|Append|Merge Append|Recursive Union|BitmapAnd"
        "|BitmapOr|Seq Scan|Sample Scan|Index Scan|Index Only Scan|Bitmap Index Scan|Bitmap Heap Scan"
        "|Tid Scan|Tid Range Scan|Subquery Scan|Function Scan|Table Function Scan|Values Scan|CTE Scan"
        "|Named Tuplestore Scan|WorkTable Scan|Materialize|Memoize|Sort|Incremental Sort|Group"
        "|Aggregate|GroupAggregate|HashAggregate|MixedAggregate|WindowAgg|Unique|Gather Merge|Gather"
        "|Hash|LockRows|Limit)"
        "(?=$|\\s+\\(|\\s+on\\s|\\s+using\\s|\\s+Backward\\s|\\s*$)"));
    return re;
}

const QRegularExpression &figuresStart()
{
    static const QRegularExpression re(QStringLiteral("\\s*\\((?:cost=|actual[ )]|never executed\\))"));
    return re;
}

// Splits "public.tb tb_1" or "\"My Table\" t" at spaces outside double quotes.
QStringList tokens(const QString &text)
{
    QStringList out;
    QString current;
    bool quoted = false;
    for (QChar c : text) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        if (c == QLatin1Char(' ') && !quoted) {
            if (!current.isEmpty())
                out << current;
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.isEmpty())
        out << current;
    return out;
}

// "\"My \"\"T\"\"\"" → My "T"; identifiers print quoted only when they need it.
QString unquote(const QString &identifier)
{
    if (identifier.size() >= 2 && identifier.startsWith(QLatin1Char('"')) &&
        identifier.endsWith(QLatin1Char('"')))
        return identifier.mid(1, identifier.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
    return identifier;
}

// Position of the first '.' outside double quotes, or -1.
qsizetype unquotedDot(const QString &name)
{
    bool quoted = false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name.at(i) == QLatin1Char('"'))
            quoted = !quoted;
        else if (name.at(i) == QLatin1Char('.') && !quoted)
            return i;
    }
    return -1;
}

// What follows " on ": the object (schema-qualified with VERBOSE) and, when it differs from the
// object's name, the alias. JSON always prints an alias, so the name stands in for a missing one.
void readTarget(const QString &target, const char *nameKey, QJsonObject *node)
{
    const QStringList parts = tokens(target);
    if (parts.isEmpty())
        return;
    QString name = parts.first();
    const qsizetype dot = unquotedDot(name);
    if (dot > 0 && qstrcmp(nameKey, "Relation Name") == 0) {
        node->insert(QStringLiteral("Schema"), unquote(name.left(dot)));
        name = name.mid(dot + 1);
    }
    name = unquote(name);
    if (nameKey)
        node->insert(QLatin1String(nameKey), name);
    node->insert(QStringLiteral("Alias"), parts.size() > 1 ? unquote(parts.at(1)) : name);
}

// Scans that print " on <object> [alias]", and the JSON key of that object.
const char *targetKey(const QString &nodeType)
{
    static const QStringList relationScans = {
        QStringLiteral("Seq Scan"),   QStringLiteral("Sample Scan"),     QStringLiteral("Bitmap Heap Scan"),
        QStringLiteral("Tid Scan"),   QStringLiteral("Tid Range Scan"),  QStringLiteral("Foreign Scan"),
        QStringLiteral("Index Scan"), QStringLiteral("Index Only Scan"), QStringLiteral("ModifyTable"),
        QStringLiteral("Custom Scan")};
    if (relationScans.contains(nodeType))
        return "Relation Name";
    if (nodeType == QLatin1String("Function Scan"))
        return "Function Name";
    if (nodeType == QLatin1String("Table Function Scan"))
        return "Table Function Name";
    if (nodeType == QLatin1String("CTE Scan") || nodeType == QLatin1String("WorkTable Scan"))
        return "CTE Name";
    if (nodeType == QLatin1String("Named Tuplestore Scan"))
        return "Tuplestore Name";
    return nullptr; // Subquery Scan, Values Scan: " on <alias>" only
}

void readName(QString name, QJsonObject *node)
{
    bool parallel = false;
    if (name.startsWith(QLatin1String("Parallel "))) {
        parallel = true;
        name = name.mid(9);
    }
    node->insert(QStringLiteral("Parallel Aware"), parallel);
    if (name.startsWith(QLatin1String("Async "))) {
        node->insert(QStringLiteral("Async Capable"), true);
        name = name.mid(6);
    }
    QString partialMode = QStringLiteral("Simple");
    for (const char *mode : {"Partial ", "Finalize "}) {
        if (name.startsWith(QLatin1String(mode))) {
            partialMode = QLatin1String(mode).trimmed();
            name = name.mid(qstrlen(mode));
        }
    }

    static const QRegularExpression join(QStringLiteral(
        "^(Nested Loop|Hash|Merge)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti))? Join$"));
    static const QRegularExpression setOp(
        QStringLiteral("^(HashSetOp|SetOp) ((?:Except|Intersect)(?: All)?)$"));
    static const QRegularExpression aggregate(
        QStringLiteral("^(Aggregate|GroupAggregate|HashAggregate|MixedAggregate)$"));
    // "Foreign Delete" alone: a direct modification below a ModifyTable (postgres_fdw, 9.6+).
    static const QRegularExpression modify(
        QStringLiteral("^(Foreign )?(Insert|Update|Delete|Merge)(?: on (.+))?$"));
    static const QRegularExpression custom(QStringLiteral("^Custom Scan \\(([^)]*)\\)(?: on (.+))?$"));
    static const QRegularExpression scan(QStringLiteral(
        "^(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan|Sample Scan|Bitmap Heap Scan|Tid Range Scan"
        "|Tid Scan|Subquery Scan|Function Scan|Table Function Scan|Values Scan|CTE Scan|Named Tuplestore Scan"
        "|WorkTable Scan|Foreign Scan)( Backward)?(?: using (.+?))?(?: on (.+))?$"));
    // Old releases printed a subquery scan's alias without "on".
    static const QRegularExpression oldSubquery(QStringLiteral("^Subquery Scan (?!on )(\\S+)$"));

    QRegularExpressionMatch m;
    if (name == QLatin1String("Nested Loop")) {
        node->insert(QStringLiteral("Node Type"), name);
        node->insert(QStringLiteral("Join Type"), QStringLiteral("Inner"));
    } else if ((m = join.match(name)).hasMatch()) {
        const QString kind = m.captured(1);
        node->insert(QStringLiteral("Node Type"),
                     kind == QLatin1String("Nested Loop") ? kind : kind + QLatin1String(" Join"));
        node->insert(QStringLiteral("Join Type"), m.hasCaptured(2) ? m.captured(2) : QStringLiteral("Inner"));
    } else if ((m = setOp.match(name)).hasMatch()) {
        node->insert(QStringLiteral("Node Type"), QStringLiteral("SetOp"));
        node->insert(QStringLiteral("Strategy"), m.captured(1) == QLatin1String("HashSetOp")
                                                     ? QStringLiteral("Hashed")
                                                     : QStringLiteral("Sorted"));
        node->insert(QStringLiteral("Command"), m.captured(2));
    } else if ((m = aggregate.match(name)).hasMatch()) {
        static const QHash<QString, QString> strategies = {
            {QStringLiteral("Aggregate"), QStringLiteral("Plain")},
            {QStringLiteral("GroupAggregate"), QStringLiteral("Sorted")},
            {QStringLiteral("HashAggregate"), QStringLiteral("Hashed")},
            {QStringLiteral("MixedAggregate"), QStringLiteral("Mixed")}};
        node->insert(QStringLiteral("Node Type"), QStringLiteral("Aggregate"));
        node->insert(QStringLiteral("Strategy"), strategies.value(name));
        node->insert(QStringLiteral("Partial Mode"), partialMode);
    } else if ((m = modify.match(name)).hasMatch()) {
        const bool foreign = m.hasCaptured(1);
        node->insert(QStringLiteral("Node Type"),
                     foreign ? QStringLiteral("Foreign Scan") : QStringLiteral("ModifyTable"));
        node->insert(QStringLiteral("Operation"), m.captured(2));
        if (m.hasCaptured(3))
            readTarget(m.captured(3), "Relation Name", node);
    } else if ((m = custom.match(name)).hasMatch()) {
        node->insert(QStringLiteral("Node Type"), QStringLiteral("Custom Scan"));
        node->insert(QStringLiteral("Custom Plan Provider"), m.captured(1));
        if (m.hasCaptured(2))
            readTarget(m.captured(2), "Relation Name", node);
    } else if ((m = oldSubquery.match(name)).hasMatch()) {
        node->insert(QStringLiteral("Node Type"), QStringLiteral("Subquery Scan"));
        node->insert(QStringLiteral("Alias"), unquote(m.captured(1)));
    } else if ((m = scan.match(name)).hasMatch()) {
        const QString type = m.captured(1);
        node->insert(QStringLiteral("Node Type"), type);
        const bool indexScan =
            type == QLatin1String("Index Scan") || type == QLatin1String("Index Only Scan");
        if (indexScan)
            node->insert(QStringLiteral("Scan Direction"),
                         m.hasCaptured(2) ? QStringLiteral("Backward") : QStringLiteral("Forward"));
        if (m.hasCaptured(3))
            node->insert(QStringLiteral("Index Name"), unquote(m.captured(3)));
        if (m.hasCaptured(4)) {
            if (type == QLatin1String("Bitmap Index Scan"))
                node->insert(QStringLiteral("Index Name"), unquote(m.captured(4)));
            else
                readTarget(m.captured(4), targetKey(type), node);
        }
    } else {
        // Result, Sort, Hash, Limit, … and names we do not know (extensions): kept as printed.
        node->insert(QStringLiteral("Node Type"), name);
    }
}

QJsonValue number(const QString &text, bool *masked)
{
    if (text.startsWith(QLatin1Char('N'))) {
        *masked = true;
        return QJsonValue(QJsonValue::Null);
    }
    return text.toDouble();
}

} // namespace

bool startsWithKnownNode(const QString &content)
{
    return knownNode().match(content).hasMatch();
}

bool hasNodeFigures(const QString &content)
{
    return figuresStart().match(content).hasMatch();
}

bool readNodeHeader(const QString &content, QJsonObject *node, QString *error, int *errorColumn, bool *masked)
{
    static const QRegularExpression cost(
        QStringLiteral("\\(cost=" TUSK_NUM "\\.\\." TUSK_NUM " rows=" TUSK_NUM " width=" TUSK_NUM "\\)"));
    static const QRegularExpression actual(QStringLiteral("\\(actual(?: time=" TUSK_NUM "\\.\\." TUSK_NUM
                                                          ")? rows=" TUSK_NUM " loops=" TUSK_NUM "\\)"));
    static const QRegularExpression never(QStringLiteral("\\(never executed\\)"));

    const QRegularExpressionMatch start = figuresStart().match(content);
    const qsizetype nameEnd = start.hasMatch() ? start.capturedStart() : content.size();
    QString name = content.left(nameEnd).trimmed();
    if (name.isEmpty()) {
        *error = QStringLiteral("a plan node line without a node name");
        *errorColumn = 0;
        return false;
    }
    // Two spaces and a parenthesis only ever open the figures: a line cut inside "(cost=" ends here.
    const qsizetype cut = name.indexOf(QLatin1String("  ("));
    if (cut >= 0) {
        *error = QStringLiteral("the figures of this node are cut off or garbled");
        *errorColumn = int(cut + 2);
        return false;
    }
    readName(name, node);

    qsizetype pos = nameEnd;
    while (pos < content.size()) {
        if (content.at(pos).isSpace()) {
            ++pos;
            continue;
        }
        const auto anchored = QRegularExpression::AnchorAtOffsetMatchOption;
        QRegularExpressionMatch m;
        if ((m = cost.match(content, pos, QRegularExpression::NormalMatch, anchored)).hasMatch()) {
            node->insert(QStringLiteral("Startup Cost"), number(m.captured(1), masked));
            node->insert(QStringLiteral("Total Cost"), number(m.captured(2), masked));
            node->insert(QStringLiteral("Plan Rows"), number(m.captured(3), masked));
            node->insert(QStringLiteral("Plan Width"), number(m.captured(4), masked));
        } else if ((m = actual.match(content, pos, QRegularExpression::NormalMatch, anchored)).hasMatch()) {
            if (m.hasCaptured(1)) {
                node->insert(QStringLiteral("Actual Startup Time"), number(m.captured(1), masked));
                node->insert(QStringLiteral("Actual Total Time"), number(m.captured(2), masked));
            }
            node->insert(QStringLiteral("Actual Rows"), number(m.captured(3), masked));
            node->insert(QStringLiteral("Actual Loops"), number(m.captured(4), masked));
        } else if ((m = never.match(content, pos, QRegularExpression::NormalMatch, anchored)).hasMatch()) {
            // JSON prints a node that never ran with zero times, rows and loops.
            for (const char *key :
                 {"Actual Startup Time", "Actual Total Time", "Actual Rows", "Actual Loops"})
                node->insert(QLatin1String(key), 0);
        } else {
            *error = QStringLiteral("unreadable node figures \"%1\" (cut off?)").arg(content.mid(pos, 40));
            *errorColumn = int(pos);
            return false;
        }
        pos = m.capturedEnd();
    }
    return true;
}

} // namespace tusk::explain::text
