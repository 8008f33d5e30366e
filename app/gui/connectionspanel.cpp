#include "connectionspanel.h"

#include "state/profilestore.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QMap>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using tusk::state::ConnectionProfile;

namespace {
QIcon colorDot(const QString &color)
{
    QPixmap pm(14, 14);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color.isEmpty() ? QColor(0x8a, 0x93, 0x9e) : QColor(color));
    p.drawEllipse(QRectF(2, 2, 10, 10));
    return QIcon(pm);
}
} // namespace

ConnectionsPanel::ConnectionsPanel(tusk::state::ProfileStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setObjectName(QStringLiteral("connectionsTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    auto *add = new QPushButton(tr("New…"), this);
    auto *edit = new QPushButton(tr("Edit…"), this);
    auto *remove = new QPushButton(tr("Delete"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(edit);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &ConnectionsPanel::newRequested);
    connect(edit, &QPushButton::clicked, this, [this] {
        if (const ConnectionProfile *p = selected())
            emit editRequested(*p);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const ConnectionProfile *p = selected();
        if (!p)
            return;
        if (QMessageBox::question(this, tr("Delete connection"),
                                  tr("Delete the connection “%1”?").arg(p->name)) != QMessageBox::Yes)
            return;
        m_store->remove(p->id);
        m_store->loadAll();
    });
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (const ConnectionProfile *p = selected())
            emit connectRequested(*p);
    });
    connect(m_store, &tusk::state::ProfileStore::loaded, this, &ConnectionsPanel::showProfiles);
    m_store->loadAll();
}

const ConnectionProfile *ConnectionsPanel::selected() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->data(0, Qt::UserRole).isValid())
        return nullptr; // a server row, not a profile
    const int index = item->data(0, Qt::UserRole).toInt();
    return index >= 0 && index < m_profiles.size() ? &m_profiles[index] : nullptr;
}

void ConnectionsPanel::showProfiles(const QList<ConnectionProfile> &profiles)
{
    m_profiles = profiles;
    m_tree->clear();
    QMap<QString, QTreeWidgetItem *> servers;
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &p = profiles[i];
        const QString server = !p.service.isEmpty() && p.host.isEmpty()
                                   ? tr("service %1").arg(p.service)
                                   : (p.host.isEmpty() ? QStringLiteral("localhost") : p.host) + u':' +
                                         (p.port.isEmpty() ? QStringLiteral("5432") : p.port);
        QTreeWidgetItem *&parent = servers[server];
        if (!parent) {
            parent = new QTreeWidgetItem(m_tree, {server});
            parent->setFlags(Qt::ItemIsEnabled);
            parent->setExpanded(true);
        }
        auto *item = new QTreeWidgetItem(parent, {p.name});
        item->setIcon(0, colorDot(p.color));
        item->setData(0, Qt::UserRole, i);
        QString tip = p.toParams().displayName();
        if (p.readOnly)
            tip += tr("\nread-only sessions");
        tip += tr("\npassword: %1").arg(ConnectionProfile::storageName(p.passwordStorage));
        item->setToolTip(0, tip);
    }
    m_tree->expandAll();
}
