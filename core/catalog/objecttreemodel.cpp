#include "catalog/objecttreemodel.h"

#include "catalog/catalogloader.h"
#include "catalog/sizeformat.h"

#include <vector>

namespace tusk::catalog {

struct ObjectTreeModel::Node
{
    enum class State { Unloaded, Loading, Loaded, Failed };

    CatalogObject object;
    RowType type = RowType::Object;
    pg::Error error; // of an error row
    Node *parent = nullptr;
    int row = 0; // position under parent, kept up to date so parent() needs no search
    std::vector<std::unique_ptr<Node>> children;
    State state = State::Unloaded;
    quint64 request = 0;

    Node *addChild(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

ObjectTreeModel::ObjectTreeModel(CatalogLoader *loader, QObject *parent)
    : QAbstractItemModel(parent)
    , m_loader(loader)
    , m_root(std::make_unique<Node>())
{
    connect(loader, &CatalogLoader::childrenLoaded, this, &ObjectTreeModel::onChildrenLoaded);
    connect(loader, &CatalogLoader::loadFailed, this, &ObjectTreeModel::onLoadFailed);
}

ObjectTreeModel::~ObjectTreeModel() = default;

ObjectTreeModel::Node *ObjectTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ObjectTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

CatalogObject ObjectTreeModel::object(const QModelIndex &index) const
{
    const Node *n = nodeFor(index);
    return n->type == RowType::Object ? n->object : CatalogObject();
}

ObjectTreeModel::RowType ObjectTreeModel::rowType(const QModelIndex &index) const
{
    return nodeFor(index)->type;
}

bool ObjectTreeModel::isLoading(const QModelIndex &index) const
{
    return nodeFor(index)->state == Node::State::Loading;
}

void ObjectTreeModel::reload()
{
    beginResetModel();
    m_requests.clear();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void ObjectTreeModel::refresh(const QModelIndex &index)
{
    if (!index.isValid()) {
        reload();
        fetchMore({});
        return;
    }
    Node *n = nodeFor(index.siblingAtColumn(0));
    if (n->type != RowType::Object)
        return;
    removeChildren(n);
    forgetRequests(n);
    n->state = Node::State::Unloaded;
    fetchMore(indexFor(n));
}

QModelIndex ObjectTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *p = nodeFor(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex ObjectTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int ObjectTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int ObjectTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool ObjectTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *n = nodeFor(parent);
    if (n->type != RowType::Object)
        return false;
    // Until the answer is in, the kind decides (the placeholder row may not be there yet).
    if (n->state == Node::State::Unloaded || n->state == Node::State::Loading)
        return CatalogLoader::canHaveChildren(n->object);
    return !n->children.empty();
}

bool ObjectTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *n = nodeFor(parent);
    return n->type == RowType::Object && n->state == Node::State::Unloaded &&
           CatalogLoader::canHaveChildren(n->object);
}

void ObjectTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *n = nodeFor(parent);
    n->state = Node::State::Loading;
    n->request = m_loader->loadChildren(n->object);
    m_requests.insert(n->request, n);
    // The placeholder row goes in from the event loop, not from inside fetchMore(): views (and
    // QAbstractItemModelTester) call fetchMore() while handling another insertion, when a nested
    // one must not start. The answer, queued behind it, replaces it.
    QMetaObject::invokeMethod(
        this, [this, request = n->request] { showLoading(request); }, Qt::QueuedConnection);
}

void ObjectTreeModel::showLoading(quint64 requestId)
{
    Node *n = m_requests.value(requestId);
    if (!n || !n->children.empty())
        return; // answered, refreshed or gone in the meantime
    beginInsertRows(indexFor(n), 0, 0);
    auto placeholder = std::make_unique<Node>();
    placeholder->type = RowType::Loading;
    placeholder->state = Node::State::Loaded;
    n->addChild(std::move(placeholder));
    endInsertRows();
}

void ObjectTreeModel::removeChildren(Node *node)
{
    if (node->children.empty())
        return;
    for (const auto &child : node->children)
        forgetRequests(child.get());
    beginRemoveRows(indexFor(node), 0, int(node->children.size()) - 1);
    node->children.clear();
    endRemoveRows();
}

void ObjectTreeModel::forgetRequests(Node *node)
{
    // An answer for a node that is gone must find nothing.
    if (node->request != 0) {
        m_requests.remove(node->request);
        node->request = 0;
    }
    for (const auto &child : node->children)
        forgetRequests(child.get());
}

void ObjectTreeModel::onChildrenLoaded(quint64 requestId, const QList<CatalogObject> &children)
{
    Node *n = m_requests.take(requestId);
    if (!n)
        return;
    n->request = 0;
    removeChildren(n);
    n->state = Node::State::Loaded;
    const QModelIndex parent = indexFor(n);
    if (!children.isEmpty()) {
        beginInsertRows(parent, 0, int(children.size()) - 1);
        for (const CatalogObject &o : children) {
            auto child = std::make_unique<Node>();
            child->object = o;
            n->addChild(std::move(child));
        }
        endInsertRows();
    } else if (parent.isValid()) {
        // hasChildren() turned false: let views drop the expand arrow.
        emit dataChanged(parent, indexFor(n, ColumnCount - 1));
    }
    emit childrenLoaded(parent);
}

void ObjectTreeModel::onLoadFailed(quint64 requestId, const pg::Error &error)
{
    Node *n = m_requests.take(requestId);
    if (!n)
        return;
    n->request = 0;
    removeChildren(n);
    n->state = Node::State::Failed;
    const QModelIndex parent = indexFor(n);
    beginInsertRows(parent, 0, 0);
    auto row = std::make_unique<Node>();
    row->type = RowType::Error;
    row->state = Node::State::Loaded;
    row->error = error;
    n->addChild(std::move(row));
    endInsertRows();
    emit childrenLoaded(parent);
}

QVariant ObjectTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeFor(index);
    const int column = index.column();
    if (role == RowKind)
        return QVariant::fromValue(n->type);
    if (n->type == RowType::Loading) {
        if (role == Qt::DisplayRole && column == NameColumn)
            return tr("Loading…");
        return {};
    }
    if (n->type == RowType::Error) {
        if (role == Qt::DisplayRole && column == NameColumn)
            return n->error.message;
        if (role == Qt::ToolTipRole)
            return n->error.toString();
        if (role == LoadError)
            return QVariant::fromValue(n->error);
        return {};
    }

    const CatalogObject &o = n->object;
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return o.displayName();
        if (column == SizeColumn)
            return formatSize(o.sizeBytes);
        return formatRowEstimate(o.rowEstimate);
    case Qt::ToolTipRole:
        return toolTip(o);
    case Qt::TextAlignmentRole:
        if (column != NameColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Kind:
        return QVariant::fromValue(o.kind);
    case Object:
        return QVariant::fromValue(o);
    case SizeBytes:
        return o.sizeBytes >= 0 ? QVariant(o.sizeBytes) : QVariant();
    case RowEstimate:
        return o.rowEstimate >= 0 ? QVariant(o.rowEstimate) : QVariant();
    case FilterName:
        return o.isFolder() ? QString() : o.name;
    default:
        return {};
    }
}

QVariant ObjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section != NameColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::ToolTipRole && section == RowsColumn)
        return tr("The planner's row estimate (pg_class.reltuples) as of the last ANALYZE");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case RowsColumn:
        return tr("Rows");
    default:
        return {};
    }
}

Qt::ItemFlags ObjectTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Placeholder and error rows show a state; they are not things to select and act on.
    if (nodeFor(index)->type != RowType::Object)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QString ObjectTreeModel::toolTip(const CatalogObject &o)
{
    if (o.isFolder())
        return o.displayName();
    QStringList lines;
    const QString name = o.qualifiedName();
    lines << kindName(o.kind) + u' ' +
                 (o.kind == ObjectKind::Function || o.kind == ObjectKind::Procedure ||
                          o.kind == ObjectKind::Aggregate
                      ? name + u'(' + o.extra + u')'
                      : name);
    if (o.kind == ObjectKind::Database && !o.isCurrent)
        lines << tr("Browsed through a connection of its own.");
    if (!o.owner.isEmpty())
        lines << tr("Owner: %1").arg(o.owner);
    if (o.sizeBytes >= 0)
        lines << tr("Size: %1 (%2 bytes)").arg(formatSize(o.sizeBytes)).arg(o.sizeBytes);
    if (o.rowEstimate >= 0)
        lines << tr("Rows (estimate): %1").arg(o.rowEstimate);
    if (!o.extra.isEmpty()) {
        switch (o.kind) {
        case ObjectKind::Function:
        case ObjectKind::Procedure:
        case ObjectKind::Aggregate:
            break; // already in the first line
        case ObjectKind::Partition:
            lines << tr("Bound: %1").arg(o.extra);
            break;
        case ObjectKind::PartitionedTable:
            lines << tr("Partitioned by %1").arg(o.extra);
            break;
        case ObjectKind::Index:
            lines << o.extra;
            break;
        case ObjectKind::Database:
            lines << tr("Encoding: %1").arg(o.extra);
            break;
        case ObjectKind::Extension:
            lines << tr("Version: %1").arg(o.extra);
            break;
        case ObjectKind::Tablespace:
            lines << tr("Location: %1").arg(o.extra);
            break;
        case ObjectKind::ForeignTable:
            lines << tr("Server: %1").arg(o.extra);
            break;
        default:
            lines << o.extra;
        }
    }
    if (!o.comment.isEmpty())
        lines << QString() << o.comment;
    return lines.join(u'\n');
}

} // namespace tusk::catalog
