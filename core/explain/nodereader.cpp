#include "explain/nodereader_p.h"

#include <QRegularExpression>

#include <QJsonArray>

#include <limits>

namespace tusk::explain {

namespace {

// EXPLAIN's own numbers fit; pasted or hostile input may not, and converting an out-of-range
// double to an integer is undefined behaviour (UBSan in the fuzz build): saturate instead.
template<typename T> T saturated(double v)
{
    constexpr T lo = std::numeric_limits<T>::min();
    constexpr T hi = std::numeric_limits<T>::max();
    if (v != v)
        return 0;
    if (v <= double(lo))
        return lo;
    if (v >= double(hi))
        return hi;
    return T(v);
}

// Reads properties off a copy of a JSON object; what is never taken ends up in `extra`.
class Taker
{
public:
    explicit Taker(QJsonObject object)
        : m_object(std::move(object))
    {}

    QJsonValue take(const char *key)
    {
        const QString k = QLatin1String(key);
        const QJsonValue v = m_object.value(k);
        m_object.remove(k);
        return v;
    }
    QString text(const char *key) { return take(key).toString(); }
    double number(const char *key, double fallback = 0) { return take(key).toDouble(fallback); }
    qint64 integer(const char *key) { return saturated<qint64>(take(key).toDouble(0)); }
    int count(const char *key, double fallback = 0) { return saturated<int>(number(key, fallback)); }
    QStringList list(const char *key)
    {
        QStringList out;
        const QJsonValue v = take(key);
        for (const QJsonValue &item : v.toArray())
            out << item.toString();
        if (v.isString())
            out << v.toString();
        return out;
    }
    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }
    QVariantMap rest() const { return m_object.toVariantMap(); }

private:
    QJsonObject m_object;
};

void readBuffers(Taker &t, Buffers *b)
{
    b->sharedHit = t.integer("Shared Hit Blocks");
    b->sharedRead = t.integer("Shared Read Blocks");
    b->sharedDirtied = t.integer("Shared Dirtied Blocks");
    b->sharedWritten = t.integer("Shared Written Blocks");
    b->localHit = t.integer("Local Hit Blocks");
    b->localRead = t.integer("Local Read Blocks");
    b->localDirtied = t.integer("Local Dirtied Blocks");
    b->localWritten = t.integer("Local Written Blocks");
    b->tempRead = t.integer("Temp Read Blocks");
    b->tempWritten = t.integer("Temp Written Blocks");
    // PostgreSQL 17 split "I/O Read Time" into shared/local/temp; keep the shared figure here.
    b->ioReadTimeMs =
        t.has("Shared I/O Read Time") ? t.number("Shared I/O Read Time") : t.number("I/O Read Time");
    b->ioWriteTimeMs =
        t.has("Shared I/O Write Time") ? t.number("Shared I/O Write Time") : t.number("I/O Write Time");
}

WorkerDetail readWorker(const QJsonObject &object)
{
    Taker t(object);
    WorkerDetail w;
    w.number = t.count("Worker Number", -1);
    w.actualStartupTimeMs = t.number("Actual Startup Time");
    w.actualTotalTimeMs = t.number("Actual Total Time");
    w.actualRows = t.number("Actual Rows");
    w.actualLoops = t.number("Actual Loops");
    w.extra = t.rest();
    return w;
}

void readNode(const QJsonObject &object, int parentId, QVector<PlanNode> *nodes)
{
    Taker t(object);
    PlanNode n;
    n.id = int(nodes->size());
    n.parentId = parentId;
    n.nodeType = t.text("Node Type");
    n.relationName = t.text("Relation Name");
    n.schema = t.text("Schema");
    n.alias = t.text("Alias");
    n.indexName = t.text("Index Name");
    n.joinType = t.text("Join Type");
    n.strategy = t.text("Strategy");
    n.parentRelationshipText = t.text("Parent Relationship");
    n.parentRelationship = parentRelationshipFromString(n.parentRelationshipText);
    n.subplanName = t.text("Subplan Name");
    n.parallelAware = t.take("Parallel Aware").toBool();

    n.startupCost = t.number("Startup Cost");
    n.totalCost = t.number("Total Cost");
    n.planRows = t.number("Plan Rows");
    n.planWidth = t.count("Plan Width");

    n.hasActuals = t.has("Actual Loops");
    n.actualStartupTimeMs = t.number("Actual Startup Time");
    n.actualTotalTimeMs = t.number("Actual Total Time");
    n.actualRows = t.number("Actual Rows");
    n.actualLoops = t.number("Actual Loops");
    n.neverExecuted = n.hasActuals && n.actualLoops == 0;

    n.workersPlanned = t.has("Workers Planned") ? t.count("Workers Planned") : -1;
    n.workersLaunched = t.has("Workers Launched") ? t.count("Workers Launched") : -1;
    for (const QJsonValue &w : t.take("Workers").toArray())
        n.workers << readWorker(w.toObject());

    readBuffers(t, &n.buffers);

    n.filter = t.text("Filter");
    n.indexCond = t.text("Index Cond");
    n.joinFilter = t.text("Join Filter");
    n.hashCond = t.text("Hash Cond");
    n.mergeCond = t.text("Merge Cond");
    n.recheckCond = t.text("Recheck Cond");
    n.rowsRemovedByFilter = t.number("Rows Removed by Filter");
    n.rowsRemovedByJoinFilter = t.number("Rows Removed by Join Filter");
    n.rowsRemovedByIndexRecheck = t.number("Rows Removed by Index Recheck");

    n.sortMethod = t.text("Sort Method");
    n.sortSpaceType = t.text("Sort Space Type");
    n.sortSpaceUsedKb = t.integer("Sort Space Used");
    n.sortKey = t.list("Sort Key");
    n.hashBatches = t.count("Hash Batches");
    n.originalHashBatches = t.count("Original Hash Batches");
    n.hashBuckets = t.count("Hash Buckets");
    n.output = t.list("Output");

    const QJsonArray children = t.take("Plans").toArray();
    n.extra = t.rest();
    const int id = n.id;
    nodes->append(std::move(n));
    // Pre-order: a node's index is fixed before its children are read.
    for (const QJsonValue &child : children) {
        if (!child.isObject())
            continue;
        (*nodes)[id].children << int(nodes->size());
        readNode(child.toObject(), id, nodes);
    }
}

} // namespace

Plan readStatement(const QJsonObject &statement)
{
    Taker t(statement);
    Plan plan;
    readNode(t.take("Plan").toObject(), -1, &plan.nodes);
    plan.queryText = t.text("Query Text");
    if (t.has("Planning Time"))
        plan.planningTimeMs = t.number("Planning Time");
    if (t.has("Execution Time"))
        plan.executionTimeMs = t.number("Execution Time");
    else if (t.has("Total Runtime"))
        plan.executionTimeMs = t.number("Total Runtime");
    for (const QJsonValue &v : t.take("Triggers").toArray()) {
        const QJsonObject o = v.toObject();
        plan.triggers << TriggerTiming{
            o.value(QLatin1String("Trigger Name")).toString(), o.value(QLatin1String("Relation")).toString(),
            o.value(QLatin1String("Time")).toDouble(), o.value(QLatin1String("Calls")).toDouble()};
    }
    plan.jit = t.take("JIT").toObject().toVariantMap();
    plan.settings = t.take("Settings").toObject().toVariantMap();
    plan.extra = t.rest();
    return plan;
}

QJsonValue typedPlanScalar(const QString &t, bool *masked)
{
    if (t == QLatin1String("true"))
        return true;
    if (t == QLatin1String("false"))
        return false;
    if (t == QLatin1String("N") || t == QLatin1String("N.N")) {
        *masked = true;
        return QJsonValue::Null;
    }
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
    static const QRegularExpression decimal(QStringLiteral("^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    if (integer.match(t).hasMatch()) {
        bool ok = false;
        const qint64 n = t.toLongLong(&ok);
        if (ok)
            return n;
    }
    if (decimal.match(t).hasMatch())
        return t.toDouble();
    return t;
}

} // namespace tusk::explain
