#include "explain/textplanparser.h"

#include "explain/nodereader_p.h"
#include "explain/pastedtext.h"
#include "explain/textnodeheader_p.h"
#include "explain/textplanlines_p.h"
#include "explain/textproperties_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace tusk::explain {

using namespace text;

namespace {

// A node while the tree is being read: its JSON properties, its children and its workers.
struct Node
{
    QJsonObject props;
    QVector<int> children;
    QVector<QJsonObject> workers;
    QString subplanName;
};

// What a line at some indentation belongs to. Entries stay on the stack while deeper lines follow.
struct Entry
{
    enum Kind { NodeEntry, Label, Worker, Block } kind = NodeEntry;
    int column = 0;         ///< Where the node's name, the label or the key starts.
    int node = -1;          ///< The node (for a label: the node the subplan hangs under).
    int worker = -1;        ///< Index in Node::workers.
    QString name;           ///< Label text or block key.
    bool statement = false; ///< A block of the statement, however it is indented ("Planning:").
    QJsonObject block;      ///< Properties below a "Key:" line with no value ("JIT:", "Planning:").
};

class TreeReader
{
public:
    Result<Plan, ParseError> read(const TextPlanLines &source);

private:
    ParseError error(const TextLine &line, int column, const QString &message) const
    {
        return ParseError{message, line.line, line.column + column + 1};
    }
    void pop(int column);
    void popOne();
    QJsonObject *target(int column);
    int nearestNode() const;
    bool readNodeLine(const TextLine &line, int arrowColumn, ParseError *err);
    void readWorker(const QRegularExpressionMatch &m, const QString &value, int column);
    bool readLabel(const TextLine &line, int column, ParseError *err);
    void readProperty(const QString &key, const QString &value, int column);
    void readOtherLine(const QString &trimmed, int column);
    QJsonObject toJson(int id) const;

    QVector<Node> m_nodes;
    QVector<Entry> m_stack;
    QJsonObject m_statement;
    QJsonArray m_triggers;
    bool m_masked = false;
};

void TreeReader::popOne()
{
    Entry e = m_stack.takeLast();
    if (e.kind != Entry::Block)
        return;
    const QJsonValue value = e.block.isEmpty() ? QJsonValue(QString()) : QJsonValue(e.block);
    QJsonObject *owner = e.statement ? &m_statement : target(e.column);
    owner->insert(e.name, value);
}

void TreeReader::pop(int column)
{
    while (!m_stack.isEmpty() && m_stack.last().column >= column)
        popOne();
}

int TreeReader::nearestNode() const
{
    for (qsizetype i = m_stack.size() - 1; i >= 0; --i) {
        if (m_stack.at(i).node >= 0)
            return m_stack.at(i).node;
    }
    return -1;
}

// The object a property at `column` goes to: the deepest entry left of it, or the statement.
QJsonObject *TreeReader::target(int column)
{
    for (qsizetype i = m_stack.size() - 1; i >= 0; --i) {
        Entry &e = m_stack[i];
        if (e.column >= column)
            continue;
        switch (e.kind) {
        case Entry::Block:
            return &e.block;
        case Entry::Worker:
            return &m_nodes[e.node].workers[e.worker];
        case Entry::NodeEntry:
        case Entry::Label:
            return &m_nodes[e.node].props;
        }
    }
    return &m_statement;
}

bool TreeReader::readNodeLine(const TextLine &line, int arrowColumn, ParseError *err)
{
    const QString &content = line.content;
    const bool root = m_nodes.isEmpty();
    int textColumn = arrowColumn;
    if (content.mid(arrowColumn, 2) == QLatin1String("->")) {
        textColumn = arrowColumn + 2;
        while (textColumn < content.size() && content.at(textColumn) == QLatin1Char(' '))
            ++textColumn;
    }
    pop(arrowColumn);
    int parent = -1;
    QString subplanName;
    if (!root) {
        if (m_stack.isEmpty() && m_nodes.first().children.isEmpty()) {
            // The root's first child at the root's own indentation: a paste that lost the
            // root's indentation. Nothing else can be meant, so take it as the root's child.
            Entry rootEntry;
            rootEntry.column = -1;
            rootEntry.node = 0;
            m_stack.append(rootEntry);
        }
        if (m_stack.isEmpty()) {
            *err = error(line, arrowColumn,
                         QCoreApplication::translate(
                             "tusk::explain",
                             "a plan node indented less than the plan's root: the indentation is broken"));
            return false;
        }
        const Entry &top = m_stack.last();
        if (top.kind == Entry::Label)
            subplanName = top.name;
        parent = top.kind == Entry::Label ? top.node : nearestNode();
    }
    Node node;
    node.subplanName = subplanName;
    QString message;
    int column = 0;
    if (!readNodeHeader(content.mid(textColumn).trimmed(), &node.props, &message, &column, &m_masked)) {
        *err = error(line, textColumn + column, message);
        return false;
    }
    const int id = int(m_nodes.size());
    m_nodes.append(node);
    if (parent >= 0)
        m_nodes[parent].children << id;
    Entry e;
    e.kind = Entry::NodeEntry;
    e.column = textColumn;
    e.node = id;
    m_stack.append(e);
    return true;
}

// "Worker 0:  actual time=0.1..2.0 rows=10 loops=1" or "Worker 0:  Sort Method: quicksort  …".
void TreeReader::readWorker(const QRegularExpressionMatch &m, const QString &value, int column)
{
    pop(column);
    const int node = nearestNode();
    if (node < 0)
        return;
    const int number = m.captured(1).toInt();
    QVector<QJsonObject> &workers = m_nodes[node].workers;
    int index = -1;
    for (int i = 0; i < workers.size() && index < 0; ++i)
        index = workers.at(i).value(QLatin1String("Worker Number")).toInt(-1) == number ? i : -1;
    if (index < 0) {
        index = int(workers.size());
        workers.append(QJsonObject{{QStringLiteral("Worker Number"), number}});
    }
    static const QRegularExpression actual(
        QStringLiteral("^actual(?: time=(\\S+)\\.\\.(\\S+))? rows=(\\S+) loops=(\\S+)$"));
    const auto a = actual.match(value);
    QString key, rest;
    if (a.hasMatch()) {
        QJsonObject &w = workers[index];
        if (a.hasCaptured(1)) {
            addProperty(&w, QStringLiteral("Actual Startup Time"), a.captured(1), &m_masked);
            addProperty(&w, QStringLiteral("Actual Total Time"), a.captured(2), &m_masked);
        }
        addProperty(&w, QStringLiteral("Actual Rows"), a.captured(3), &m_masked);
        addProperty(&w, QStringLiteral("Actual Loops"), a.captured(4), &m_masked);
    } else if (splitProperty(value, &key, &rest)) {
        addProperty(&workers[index], key, rest, &m_masked);
    } else if (!value.isEmpty()) {
        workers[index].insert(QStringLiteral("Text"), value);
    }
    Entry e;
    e.kind = Entry::Worker;
    e.column = column;
    e.node = node;
    e.worker = index;
    m_stack.append(e);
}

// Lines that describe the whole statement, never a node.
bool isStatementKey(const QString &key)
{
    static const QStringList keys = {QStringLiteral("Planning Time"),  QStringLiteral("Planning time"),
                                     QStringLiteral("Execution Time"), QStringLiteral("Execution time"),
                                     QStringLiteral("Total runtime"),  QStringLiteral("Settings"),
                                     QStringLiteral("Serialization"),  QStringLiteral("Query Identifier"),
                                     QStringLiteral("Query Text")};
    return keys.contains(key);
}

// JSON's "Parent Relationship" from the parent's kind and the child's place, as explain.c sets it.
QString relationship(const QJsonObject &parent, int regularIndex, int regularCount)
{
    const QString type = parent.value(QLatin1String("Node Type")).toString();
    static const QStringList members = {QStringLiteral("Append"), QStringLiteral("Merge Append"),
                                        QStringLiteral("BitmapAnd"), QStringLiteral("BitmapOr"),
                                        QStringLiteral("Custom Scan")};
    if (members.contains(type) || (type == QLatin1String("ModifyTable") && regularCount > 1))
        return QStringLiteral("Member");
    if (type == QLatin1String("Subquery Scan"))
        return QStringLiteral("Subquery");
    return regularIndex == 0 ? QStringLiteral("Outer") : QStringLiteral("Inner");
}

QJsonObject TreeReader::toJson(int id) const
{
    const Node &n = m_nodes.at(id);
    QJsonObject out = n.props;
    if (!n.workers.isEmpty()) {
        QJsonArray workers;
        for (const QJsonObject &w : n.workers)
            workers.append(w);
        out.insert(QStringLiteral("Workers"), workers);
    }
    int regularCount = 0;
    for (int child : n.children)
        regularCount += m_nodes.at(child).subplanName.isEmpty() ? 1 : 0;
    QJsonArray plans;
    int regular = 0;
    for (int child : n.children) {
        QJsonObject c = toJson(child);
        const QString label = m_nodes.at(child).subplanName;
        if (label.isEmpty()) {
            c.insert(QStringLiteral("Parent Relationship"), relationship(n.props, regular++, regularCount));
        } else {
            c.insert(QStringLiteral("Parent Relationship"), label.startsWith(QLatin1String("SubPlan"))
                                                                ? QStringLiteral("SubPlan")
                                                                : QStringLiteral("InitPlan"));
            c.insert(QStringLiteral("Subplan Name"), label);
        }
        plans.append(c);
    }
    if (!plans.isEmpty())
        out.insert(QStringLiteral("Plans"), plans);
    return out;
}

// "InitPlan 1 (returns $0)", "SubPlan 2", "CTE x": the next node hangs below it.
bool TreeReader::readLabel(const TextLine &line, int column, ParseError *err)
{
    pop(column);
    const int owner = nearestNode();
    const QString trimmed = line.content.trimmed();
    if (owner < 0) {
        *err =
            error(line, column,
                  QCoreApplication::translate("tusk::explain", "a subplan label (%1) outside the plan tree")
                      .arg(trimmed));
        return false;
    }
    Entry e;
    e.kind = Entry::Label;
    e.column = column;
    e.node = owner;
    e.name = trimmed;
    m_stack.append(e);
    return true;
}

void TreeReader::readProperty(const QString &key, const QString &value, int column)
{
    static const QRegularExpression worker(QStringLiteral("^Worker (\\d+)$"));
    const auto w = worker.match(key);
    if (w.hasMatch()) {
        readWorker(w, value, column);
    } else if (key.startsWith(QLatin1String("Trigger ")) && value.startsWith(QLatin1String("time="))) {
        m_triggers.append(readTrigger(key, value, &m_masked));
    } else if (value.isEmpty()) {
        // "JIT:", "Planning:": the lines below it are its properties.
        pop(column);
        Entry e;
        e.kind = Entry::Block;
        e.column = column;
        e.name = key;
        e.statement = key == QLatin1String("Planning");
        m_stack.append(e);
    } else if (isStatementKey(key)) {
        // Whatever its indentation (pastes lose it): these only describe the statement.
        addProperty(&m_statement, key, value, &m_masked);
    } else {
        addProperty(target(column), key, value, &m_masked);
    }
}

// Not a node, label or property: a ModifyTable's target ("Update on public.t1 t_1") or a line we
// do not know. Kept with the node it is indented under, so nothing is lost.
void TreeReader::readOtherLine(const QString &trimmed, int column)
{
    static const QRegularExpression targetTable(
        QStringLiteral("^(Foreign )?(Insert|Update|Delete|Merge) on "));
    QJsonObject *t = target(column);
    const QString key =
        targetTable.match(trimmed).hasMatch() ? QStringLiteral("Target Tables") : QStringLiteral("Text");
    QJsonArray list = t->value(key).toArray();
    list.append(trimmed);
    t->insert(key, list);
}

Result<Plan, ParseError> TreeReader::read(const TextPlanLines &source)
{
    for (const TextLine &line : source.lines) {
        const QString trimmed = line.content.trimmed();
        const int column = indentation(line.content);
        QString key, value;
        ParseError err;
        if (m_nodes.isEmpty() || trimmed.startsWith(QLatin1String("->"))) {
            if (!readNodeLine(line, column, &err))
                return err;
        } else if (isSubplanLabel(trimmed)) {
            if (!readLabel(line, column, &err))
                return err;
        } else if (splitProperty(trimmed, &key, &value)) {
            readProperty(key, value, column);
        } else {
            readOtherLine(trimmed, column);
        }
    }
    while (!m_stack.isEmpty())
        popOne();

    QJsonObject statement = m_statement;
    statement.insert(QStringLiteral("Plan"), toJson(0));
    if (!m_triggers.isEmpty())
        statement.insert(QStringLiteral("Triggers"), m_triggers);
    if (!source.queryText.isEmpty())
        statement.insert(QStringLiteral("Query Text"), source.queryText);
    Plan plan = readStatement(statement);
    plan.numbersMasked = m_masked;
    return plan;
}

} // namespace

Result<Plan, ParseError> TextPlanParser::parse(const QByteArray &bytes)
{
    return parse(decodePlanBytes(bytes));
}

Result<Plan, ParseError> TextPlanParser::parse(const QString &text)
{
    if (normaliseLineEnds(text).trimmed().isEmpty())
        return ParseError{QCoreApplication::translate("tusk::explain", "empty input: no plan to read"), 0, 0};
    const TextPlanLines source = extractTextPlan(text);
    if (source.lines.isEmpty())
        return ParseError{
            QCoreApplication::translate("tusk::explain",
                                        "no plan node found: this does not look like EXPLAIN output "
                                        "(a plan starts with a line such as \"Seq Scan on t  (cost=…)\")"),
            1, 1};
    TreeReader reader;
    return reader.read(source);
}

} // namespace tusk::explain
