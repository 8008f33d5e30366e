#include "browser/objectbrowser.h"

#include "browser/objectitemdelegate.h"
#include "catalog/catalogloader.h"
#include "catalog/databaserunners.h"
#include "catalog/objecttreemodel.h"
#include "catalog/scriptgenerator.h"
#include "pg/session.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace tusk::widgets {

using catalog::CatalogObject;
using catalog::ObjectTreeModel;

namespace {
constexpr int kFilterDelayMs = 150; // typing a name should not re-filter a big tree per key
}

ObjectBrowser::ObjectBrowser(QWidget *parent)
    : QWidget(parent)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_filterTimer(new QTimer(this))
{
    m_filter->setObjectName(QStringLiteral("objectFilter"));
    m_filter->setPlaceholderText(tr("Filter loaded objects by name"));
    m_filter->setClearButtonEnabled(true);

    // Recursive: a match keeps its parents, so the path to it stays visible.
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterRole(ObjectTreeModel::FilterName);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_view->setObjectName(QStringLiteral("objectTree"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new ObjectItemDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Partitions differ by their suffix ("orders_2024_eu"): keep both ends of a long name.
    m_view->setTextElideMode(Qt::ElideMiddle);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, &ObjectBrowser::applyFilter);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ObjectBrowser::showContextMenu);
    // The proxy (and so the selection model) lives as long as the browser; sessions come and go.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ObjectBrowser::updateActions);
    // A reset clears the header's per-section settings (the view's header hears of it first).
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ObjectBrowser::updateColumnWidths);
    createActions();
}

ObjectBrowser::~ObjectBrowser() = default;

void ObjectBrowser::createActions()
{
    auto make = [this](const QString &name, const QString &text, void (ObjectBrowser::*slot)()) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_view->addAction(a);
        return a;
    };
    m_refreshAction = make(QStringLiteral("refreshAction"), tr("&Refresh"), &ObjectBrowser::refreshCurrent);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_scriptCreateAction = make(QStringLiteral("scriptCreateAction"), tr("Script as &CREATE"),
                                &ObjectBrowser::scriptCreateForCurrent);
    m_scriptSelectAction = make(QStringLiteral("scriptSelectAction"), tr("Script as &SELECT"),
                                &ObjectBrowser::scriptSelectForCurrent);
    m_copyNameAction =
        make(QStringLiteral("copyNameAction"), tr("Copy &Name"), &ObjectBrowser::copyCurrentName);
    m_copyNameAction->setShortcut(QKeySequence::Copy);
    updateActions();
}

void ObjectBrowser::setSession(pg::Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_proxy->setSourceModel(nullptr);
    delete m_generator;
    delete m_model;
    delete m_loader;
    delete m_runners;
    m_generator = nullptr;
    m_model = nullptr;
    m_loader = nullptr;
    m_runners = nullptr;
    m_pendingScripts.clear();
    m_session = session;
    if (!session) {
        updateActions();
        return;
    }

    // Loader and generator share the connections to databases other than the session's.
    m_runners = new catalog::DatabaseRunners(session, this);
    m_loader = new catalog::CatalogLoader(m_runners, this);
    m_loader->setShowSystemObjects(m_showSystemObjects);
    m_model = new ObjectTreeModel(m_loader, this);
    m_generator = new catalog::ScriptGenerator(m_runners, this);
    m_proxy->setSourceModel(m_model);
    updateColumnWidths();

    connect(m_generator, &catalog::ScriptGenerator::scriptReady, this,
            [this](quint64 id, const QString &sql) {
                if (m_pendingScripts.remove(id))
                    emit scriptReady(sql);
            });
    connect(m_generator, &catalog::ScriptGenerator::scriptFailed, this,
            [this](quint64 id, const pg::Error &e) {
                if (m_pendingScripts.remove(id))
                    emit scriptFailed(e);
            });
    connect(m_model, &ObjectTreeModel::childrenLoaded, this, [this](const QModelIndex &parent) {
        if (!parent.isValid()) {
            // Open the connected database straight away: its schemas are what one came for.
            for (int r = 0; r < m_model->rowCount(); ++r) {
                const QModelIndex db = m_model->index(r, 0);
                if (m_model->object(db).isCurrent)
                    m_view->expand(m_proxy->mapFromSource(db));
            }
        }
        if (!m_proxy->filterRegularExpression().pattern().isEmpty())
            expandMatches({});
    });
    connect(session, &pg::Session::connected, this, &ObjectBrowser::reload);
    if (session->state() == pg::Session::State::Connected)
        reload();
    updateActions();
}

pg::Session *ObjectBrowser::session() const
{
    return m_session.data();
}

void ObjectBrowser::setShowSystemObjects(bool show)
{
    m_showSystemObjects = show;
    if (m_loader) {
        m_loader->setShowSystemObjects(show);
        reload();
    }
}

void ObjectBrowser::reload()
{
    if (!m_model)
        return;
    m_model->reload();
    m_model->fetchMore({});
}

CatalogObject ObjectBrowser::currentObject() const
{
    if (!m_model)
        return {};
    return m_model->object(m_proxy->mapToSource(m_view->currentIndex().siblingAtColumn(0)));
}

void ObjectBrowser::refreshCurrent()
{
    if (!m_model)
        return;
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex().siblingAtColumn(0));
    if (current.isValid() && m_model->rowType(current) != ObjectTreeModel::RowType::Object) {
        // On a Loading or error row, Refresh means "try the parent again".
        m_model->refresh(current.parent());
        return;
    }
    m_model->refresh(current);
}

void ObjectBrowser::scriptCreateForCurrent()
{
    const CatalogObject object = currentObject();
    if (m_generator && catalog::ScriptGenerator::canScriptCreate(object))
        m_pendingScripts.insert(m_generator->scriptCreate(object));
}

void ObjectBrowser::scriptSelectForCurrent()
{
    const CatalogObject object = currentObject();
    if (m_generator && catalog::ScriptGenerator::canScriptSelect(object))
        m_pendingScripts.insert(m_generator->scriptSelect(object));
}

void ObjectBrowser::copyCurrentName()
{
    const QString name = currentObject().qualifiedName();
    if (!name.isEmpty())
        QApplication::clipboard()->setText(name);
}

void ObjectBrowser::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty())
        expandMatches({});
}

void ObjectBrowser::expandMatches(const QModelIndex &parent)
{
    // Only nodes that still have rows after filtering: they are loaded, so expanding them never
    // starts a load (a filter must not walk the whole server).
    for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
        const QModelIndex index = m_proxy->index(r, 0, parent);
        if (m_proxy->rowCount(index) > 0) {
            m_view->expand(index);
            expandMatches(index);
        }
    }
}

void ObjectBrowser::updateActions()
{
    const CatalogObject object = currentObject();
    const bool isObject = object.kind != catalog::ObjectKind::Server;
    m_refreshAction->setEnabled(m_model != nullptr);
    m_scriptCreateAction->setEnabled(m_generator && catalog::ScriptGenerator::canScriptCreate(object));
    m_scriptSelectAction->setEnabled(m_generator && catalog::ScriptGenerator::canScriptSelect(object));
    m_copyNameAction->setEnabled(isObject && !object.isFolder());
}

void ObjectBrowser::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid())
        m_view->setCurrentIndex(index);
    updateActions();
    QMenu menu(this);
    menu.addAction(m_refreshAction);
    menu.addSeparator();
    menu.addAction(m_scriptCreateAction);
    menu.addAction(m_scriptSelectAction);
    menu.addSeparator();
    menu.addAction(m_copyNameAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void ObjectBrowser::updateColumnWidths()
{
    // Fixed widths for the numbers, wide enough for the longest value they take ("1023 MB",
    // "999.9k"): the columns do not jump as nodes load, and the names get all the rest.
    QHeaderView *header = m_view->header();
    if (header->count() < ObjectTreeModel::ColumnCount)
        return; // no model yet
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ObjectTreeModel::NameColumn, QHeaderView::Stretch);
    const QFontMetrics fm(m_view->font());
    // Trees get deep (database, schema, folder, table, partition, sub-partition): a narrower step
    // than the style's 20 px leaves the names room, and still lines up with the 16 px icons.
    m_view->setIndentation(std::max(14, fm.height()));
    const int padding = 2 * fm.averageCharWidth() + 4;
    const int size =
        std::max(fm.horizontalAdvance(QStringLiteral("1023 MB")), fm.horizontalAdvance(tr("Size")));
    const int rows =
        std::max(fm.horizontalAdvance(QStringLiteral("999.9k")), fm.horizontalAdvance(tr("Rows")));
    header->setSectionResizeMode(ObjectTreeModel::SizeColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(ObjectTreeModel::RowsColumn, QHeaderView::Fixed);
    header->resizeSection(ObjectTreeModel::SizeColumn, size + padding);
    header->resizeSection(ObjectTreeModel::RowsColumn, rows + padding);
}

void ObjectBrowser::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateColumnWidths();
    QWidget::changeEvent(event);
}

} // namespace tusk::widgets
