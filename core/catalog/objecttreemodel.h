#pragma once

#include "catalog/catalogobject.h"
#include "pg/error.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>

namespace tusk::catalog {

class CatalogLoader;

/// The database object tree as a lazy item model over a CatalogLoader.
///
/// Nothing is loaded until a view (or the caller) asks: hasChildren() answers from what the
/// node's kind can hold, fetchMore() starts loading and (from the event loop) shows a "Loading…"
/// row until the answer arrives; a failed load leaves one error row with the server's message under the node,
/// and refresh() tries again. Columns: Name, Size (human readable; the bytes in Role::SizeBytes), Rows (the
/// planner's estimate). Icons, fonts and colours are the views' business (a delegate).
/// @code
/// auto *model = new ObjectTreeModel(new CatalogLoader(session, this), this);
/// treeView->setModel(model);            // the view fetches the top level and each expanded node
/// model->fetchMore(QModelIndex());      // or ask for the top level without a view
/// auto object = index.data(ObjectTreeModel::Role::Object).value<CatalogObject>();
/// @endcode
class ObjectTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, RowsColumn, ColumnCount };
    enum Role : int {
        Kind = Qt::UserRole + 1, ///< ObjectKind
        Object,                  ///< the whole CatalogObject
        SizeBytes,               ///< qint64, invalid when unknown
        RowEstimate,             ///< qint64, invalid when unknown
        RowKind,                 ///< RowType: an object, the loading placeholder or an error
        FilterName,              ///< the object's plain name; empty for folders and placeholders
        LoadError,               ///< the pg::Error of an error row
    };
    Q_ENUM(Role)
    enum class RowType { Object, Loading, Error };
    Q_ENUM(RowType)

    explicit ObjectTreeModel(CatalogLoader *loader, QObject *parent = nullptr);
    ~ObjectTreeModel() override;

    CatalogLoader *loader() const { return m_loader; }
    CatalogObject object(const QModelIndex &index) const;
    RowType rowType(const QModelIndex &index) const;
    /// True from fetchMore() until the node's children (or its error row) arrive.
    bool isLoading(const QModelIndex &index) const;
    /// Loads in flight (for tests and busy indicators).
    int pendingLoads() const { return int(m_requests.size()); }

    /// Forgets every node; the top level loads again when fetched.
    void reload();
    /// Loads index's children again (an invalid index: reload()).
    void refresh(const QModelIndex &index);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    /// parent's children arrived (or its load failed and it now holds an error row).
    void childrenLoaded(const QModelIndex &parent);

private:
    struct Node;

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    void showLoading(quint64 requestId);
    void onChildrenLoaded(quint64 requestId, const QList<CatalogObject> &children);
    void onLoadFailed(quint64 requestId, const pg::Error &error);
    /// Drops node's children (and their pending loads) with the matching remove signals.
    void removeChildren(Node *node);
    void forgetRequests(Node *node);
    static QString toolTip(const CatalogObject &object);

    CatalogLoader *m_loader;
    std::unique_ptr<Node> m_root;
    QHash<quint64, Node *> m_requests;
};

} // namespace tusk::catalog
