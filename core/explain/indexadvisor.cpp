// Candidate indexes from a plan: which scans read more than they keep, on which columns they
// filter or join, and what a B-tree on those columns would look like.
#include "explain/indexadvisor.h"

#include "explain/indexconditions_p.h"
#include "explain/plananalysis.h"
#include "pg/quoting.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace tusk::explain {

using detail::ColumnRef;
using detail::Comparison;

namespace {

// A B-tree with more keys than this is rarely the one to build; the planner's use of later
// columns drops off quickly.
constexpr int kMaxKeys = 4;

bool isScan(const PlanNode &n)
{
    return n.nodeType == QLatin1String("Seq Scan") || n.nodeType == QLatin1String("Bitmap Heap Scan") ||
           n.nodeType == QLatin1String("Index Scan") || n.nodeType == QLatin1String("Index Only Scan");
}

bool isIndexScan(const PlanNode &n)
{
    return n.nodeType == QLatin1String("Index Scan") || n.nodeType == QLatin1String("Index Only Scan");
}

// A reference belongs to the scan when it names its alias or table, or nothing (a scan's own
// filter is printed without a qualifier unless VERBOSE).
bool belongsTo(const ColumnRef &c, const PlanNode &scan)
{
    return c.qualifier.isEmpty() || c.qualifier == scan.alias || c.qualifier == scan.relationName;
}

// What one scan could use, gathered from its own conditions and from the joins above it.
struct ScanKeys
{
    QVector<IndexKey> equality;
    QVector<IndexKey> range;
    QVector<IndexKey> sort;
    QStringList joinedWith; ///< node types of the joins that gave a key, for the reason
    bool fromFilter = false;

    static bool has(const QVector<IndexKey> &keys, const IndexKey &k)
    {
        return std::any_of(keys.begin(), keys.end(), [&](const IndexKey &o) {
            return o.column == k.column && o.function == k.function;
        });
    }
    void add(const Comparison &c)
    {
        IndexKey k{c.column.column, c.column.function, {}, IndexKey::Use::Equality};
        if (c.kind == Comparison::Kind::Equality) {
            if (!has(equality, k))
                equality << k;
        } else {
            k.use = IndexKey::Use::Range;
            // LIKE 'abc%' uses a B-tree only in the C collation or with the pattern operator class.
            if (c.kind == Comparison::Kind::PrefixLike)
                k.opclass = QStringLiteral("text_pattern_ops");
            if (!has(range, k))
                range << k;
        }
    }
};

void addOwnConditions(const PlanNode &scan, const QString &condition, ScanKeys &keys)
{
    for (const Comparison &c : detail::comparisons(condition)) {
        if (!belongsTo(c.column, scan))
            continue;
        // `a = b` on the same row is no lookup key.
        if (c.otherIsColumn && belongsTo(c.other, scan) && c.other.qualifier == c.column.qualifier)
            continue;
        keys.add(c);
        keys.fromFilter = true;
    }
}

// The scans below a node, through everything but other joins' outer sides: the relations a
// join's inner side reads.
void scansBelow(const Plan &plan, int id, QVector<int> &out)
{
    const PlanNode &n = plan.nodes.at(id);
    if (isScan(n)) {
        out << id;
        return;
    }
    for (int child : n.children) {
        const auto rel = plan.nodes.at(child).parentRelationship;
        if (rel != ParentRelationship::InitPlan && rel != ParentRelationship::SubPlan)
            scansBelow(plan, child, out);
    }
}

void addJoinKeys(const Plan &plan, const PlanNode &join, QHash<int, ScanKeys> &byScan)
{
    const QString conditions[] = {join.hashCond, join.mergeCond, join.joinFilter};
    int inner = -1;
    for (int child : join.children) {
        if (plan.nodes.at(child).parentRelationship == ParentRelationship::Inner)
            inner = child;
    }
    if (inner < 0)
        return;
    QVector<int> scans;
    scansBelow(plan, inner, scans);
    for (const QString &condition : conditions) {
        for (const Comparison &c : detail::comparisons(condition)) {
            if (!c.otherIsColumn || c.column.qualifier.isEmpty())
                continue;
            for (int s : scans) {
                const PlanNode &scan = plan.nodes.at(s);
                if (!belongsTo(c.column, scan) || belongsTo(c.other, scan))
                    continue;
                ScanKeys &keys = byScan[s];
                keys.add(c);
                if (!keys.joinedWith.contains(join.nodeType))
                    keys.joinedWith << join.nodeType;
            }
        }
    }
}

// The columns of a Sort right above the scan, when they are all this relation's: an index in
// that order saves the sort. Only the direct parent: anything between (an aggregate, a join)
// changes the rows the Sort sees.
QVector<IndexKey> sortKeys(const Plan &plan, const PlanNode &scan)
{
    static const QRegularExpression suffix(QStringLiteral(R"(( DESC| NULLS (FIRST|LAST)| USING \S+)+$)"));
    if (scan.parentId < 0)
        return {};
    const PlanNode &n = plan.nodes.at(scan.parentId);
    if (n.nodeType != QLatin1String("Sort") && n.nodeType != QLatin1String("Incremental Sort"))
        return {};
    QVector<IndexKey> out;
    for (QString key : n.sortKey) {
        key.remove(suffix);
        const QVector<Comparison> c = detail::comparisons(key + QStringLiteral(" IS NULL"));
        if (c.isEmpty() || !belongsTo(c.first().column, scan))
            return {};
        out << IndexKey{c.first().column.column, c.first().column.function, {}, IndexKey::Use::Sort};
    }
    return out;
}

double exclusiveCost(const Plan &plan, const PlanNode &n)
{
    double cost = n.totalCost;
    for (int child : n.children)
        cost -= plan.nodes.at(child).totalCost;
    return std::max(0.0, cost);
}

QString tableLabel(const PlanNode &n)
{
    return pg::qualifiedName(n.schema, n.relationName);
}

QString keyList(const QVector<IndexKey> &keys)
{
    QStringList parts;
    for (const IndexKey &k : keys)
        parts << k.sql();
    return parts.join(QStringLiteral(", "));
}

QString reasonFor(const PlanNode &scan, const ScanKeys &keys, const QVector<IndexKey> &chosen)
{
    const QLocale c = QLocale::c();
    QString seen;
    const double removed = scan.rowsRemovedByFilter * std::max(1.0, scan.actualLoops);
    const double kept = scan.actualRows * std::max(1.0, scan.actualLoops);
    if (scan.children.size() == 1 && !scan.recheckCond.isEmpty() && removed <= 0)
        seen = QCoreApplication::translate("tusk::explain", "it combines several indexes with a BitmapAnd");
    else if (keys.fromFilter && scan.hasActuals && removed > 0)
        seen = QCoreApplication::translate("tusk::explain", "its filter removes %1 of the %2 rows it reads")
                   .arg(c.toString(removed, 'f', 0), c.toString(removed + kept, 'f', 0));
    else if (keys.fromFilter)
        seen = QCoreApplication::translate("tusk::explain", "it filters rows it has read (estimated %1 kept)")
                   .arg(c.toString(scan.planRows, 'f', 0));
    else
        seen = QCoreApplication::translate("tusk::explain", "it is the inner side of a %1")
                   .arg(keys.joinedWith.join(QStringLiteral(" and ")));
    QString what = QCoreApplication::translate("tusk::explain",
                                               "an index on (%1) would let it read only the matching rows")
                       .arg(keyList(chosen));
    if (std::any_of(chosen.begin(), chosen.end(),
                    [](const IndexKey &k) { return k.use == IndexKey::Use::Sort; }))
        what = QCoreApplication::translate(
                   "tusk::explain",
                   "an index on (%1) would find the matching rows in the order the Sort above wants")
                   .arg(keyList(chosen));
    QString extra;
    if (std::any_of(chosen.begin(), chosen.end(), [](const IndexKey &k) { return !k.opclass.isEmpty(); }))
        extra += QCoreApplication::translate(
            "tusk::explain", " text_pattern_ops lets LIKE 'prefix%' use it in any collation.");
    if (std::any_of(chosen.begin(), chosen.end(), [](const IndexKey &k) { return !k.function.isEmpty(); }))
        extra += QCoreApplication::translate(
            "tusk::explain",
            " It indexes the expression because the condition applies a function to the column.");
    return QCoreApplication::translate("tusk::explain", "%1 on %2: %3; %4.%5")
        .arg(scan.nodeType, tableLabel(scan), seen, what, extra);
}

// Columns of the index conditions the plan already uses, per table ("schema.table").
QHash<QString, QVector<QStringList>> indexesInUse(const Plan &plan)
{
    QHash<QString, QVector<QStringList>> out;
    for (const PlanNode &n : plan.nodes) {
        if (n.indexCond.isEmpty())
            continue;
        // A Bitmap Index Scan names no relation: its Bitmap Heap Scan (maybe above a BitmapAnd) does.
        const PlanNode *rel = &n;
        while (rel->relationName.isEmpty() && rel->parentId >= 0)
            rel = &plan.nodes.at(rel->parentId);
        QStringList cols;
        for (const Comparison &c : detail::comparisons(n.indexCond)) {
            if (belongsTo(c.column, *rel) && !cols.contains(c.column.column))
                cols << c.column.column;
        }
        out[tableLabel(*rel)] << cols;
    }
    return out;
}

} // namespace

QString IndexKey::sql() const
{
    QString out = pg::quoteIdentifierIfNeeded(column);
    if (!function.isEmpty())
        out = QStringLiteral("(%1(%2))").arg(pg::quoteIdentifierIfNeeded(function), out);
    if (!opclass.isEmpty())
        out += QLatin1Char(' ') + pg::quoteIdentifierIfNeeded(opclass);
    return out;
}

QString IndexCandidate::label() const
{
    if (!serverDefinition.isEmpty())
        return QString(serverDefinition).remove(QStringLiteral("CREATE INDEX ON "));
    return QStringLiteral("%1 (%2)").arg(pg::qualifiedName(schema, table), keyList(keys));
}

QString IndexCandidate::definition() const
{
    if (!serverDefinition.isEmpty())
        return serverDefinition;
    return QStringLiteral("CREATE INDEX ON ") + label();
}

QString IndexCandidate::createStatement() const
{
    QString def = definition();
    def.replace(0, QStringLiteral("CREATE INDEX").size(), QStringLiteral("CREATE INDEX CONCURRENTLY"));
    return def + QLatin1Char(';');
}

QVector<IndexCandidate> suggestIndexes(const Plan &plan, const PlanAnalysis *analysis)
{
    QHash<int, ScanKeys> byScan;
    for (const PlanNode &n : plan.nodes) {
        if (n.relationName.isEmpty())
            continue;
        if (n.nodeType == QLatin1String("Seq Scan")) {
            addOwnConditions(n, n.filter, byScan[n.id]);
        } else if (n.nodeType == QLatin1String("Bitmap Heap Scan") || isIndexScan(n)) {
            // Only worth a new index when the current one leaves rows to filter out, or when
            // a BitmapAnd combines single-column indexes that one composite index would replace.
            const bool filters = !n.filter.isEmpty() && (!n.hasActuals || n.rowsRemovedByFilter > 0);
            const bool combines = n.children.size() == 1 &&
                                  plan.nodes.at(n.children.first()).nodeType == QLatin1String("BitmapAnd");
            if (!filters && !combines)
                continue;
            addOwnConditions(n, isIndexScan(n) ? n.indexCond : n.recheckCond, byScan[n.id]);
            addOwnConditions(n, n.filter, byScan[n.id]);
        }
    }
    for (const PlanNode &n : plan.nodes) {
        if (n.nodeType.endsWith(QLatin1String("Join")) || n.nodeType == QLatin1String("Nested Loop"))
            addJoinKeys(plan, n, byScan);
    }

    const auto inUse = indexesInUse(plan);
    QVector<IndexCandidate> out;
    QSet<QString> seen;
    for (auto it = byScan.cbegin(); it != byScan.cend(); ++it) {
        const PlanNode &scan = plan.nodes.at(it.key());
        const ScanKeys &keys = it.value();
        double score =
            analysis && scan.hasActuals ? analysis->timing(scan.id).exclusiveMs : exclusiveCost(plan, scan);
        score += scan.rowsRemovedByFilter * std::max(1.0, scan.actualLoops) / 1e6;

        if (keys.equality.isEmpty() && keys.range.isEmpty())
            continue; // nothing to look up: a sort alone is no reason to read a table by index

        QVector<QVector<IndexKey>> variants;
        variants << (keys.equality + keys.range).mid(0, kMaxKeys);
        // Equality, then the Sort's columns, then the ranges (still checked inside the index).
        QVector<IndexKey> sorted = keys.equality;
        for (const IndexKey &k : sortKeys(plan, scan)) {
            if (!ScanKeys::has(sorted, k))
                sorted << k;
        }
        if (sorted.size() > keys.equality.size()) {
            for (const IndexKey &k : keys.range) {
                if (!ScanKeys::has(sorted, k))
                    sorted << k;
            }
            variants << sorted.mid(0, kMaxKeys);
        }

        for (const QVector<IndexKey> &v : variants) {
            if (v.isEmpty())
                continue;
            QStringList cols;
            for (const IndexKey &k : v)
                cols << k.column;
            const QVector<QStringList> used = inUse.value(tableLabel(scan));
            if (std::any_of(used.begin(), used.end(), [&](const QStringList &u) { return u == cols; }))
                continue;
            IndexCandidate c;
            c.schema = scan.schema;
            c.table = scan.relationName;
            c.keys = v;
            c.nodeId = scan.id;
            c.score = score;
            c.reason = reasonFor(scan, keys, v);
            if (seen.contains(c.definition()))
                continue;
            seen.insert(c.definition());
            out << c;
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const IndexCandidate &a, const IndexCandidate &b) {
        return a.score != b.score ? a.score > b.score : a.nodeId < b.nodeId;
    });
    return out;
}

QVector<IndexCandidate> candidatesFromQualstats(const QString &advisorJson)
{
    static const QRegularExpression ddl(QStringLiteral(R"(^CREATE INDEX ON (.+?) USING \w+ \(.+\)$)"));
    static const QRegularExpression qualified(
        QStringLiteral(R"(^(?:("(?:[^"]|"")+"|[^."]+)\.)?("(?:[^"]|"")+"|[^."]+)$)"));
    QVector<IndexCandidate> out;
    const QJsonArray indexes =
        QJsonDocument::fromJson(advisorJson.toUtf8()).object().value(QLatin1String("indexes")).toArray();
    for (const QJsonValue &v : indexes) {
        const QString text = v.toString().trimmed();
        const auto m = ddl.match(text);
        if (!m.hasMatch())
            continue;
        const auto name = qualified.match(m.captured(1));
        IndexCandidate c;
        c.source = IndexCandidate::Source::PgQualstats;
        c.serverDefinition = text;
        if (name.hasMatch()) {
            c.schema = detail::unquoteIdentifier(name.captured(1));
            c.table = detail::unquoteIdentifier(name.captured(2));
        }
        c.reason =
            QCoreApplication::translate(
                "tusk::explain", "pg_qualstats saw queries filter %1 on these columns often and selectively "
                                 "(pg_qualstats_index_advisor()).")
                .arg(m.captured(1));
        out << c;
    }
    return out;
}

} // namespace tusk::explain
