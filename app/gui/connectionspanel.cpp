#include "connectionspanel.h"

#include "state/profilestore.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
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
    , m_list(new QListWidget(this))
{
    m_list->setObjectName(QStringLiteral("connectionsList"));
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
    layout->addWidget(m_list, 1);
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
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] {
        if (const ConnectionProfile *p = selected())
            emit connectRequested(*p);
    });
    connect(m_store, &tusk::state::ProfileStore::loaded, this, &ConnectionsPanel::show);
    m_store->loadAll();
}

const ConnectionProfile *ConnectionsPanel::selected() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_profiles.size() ? &m_profiles[row] : nullptr;
}

void ConnectionsPanel::show(const QList<ConnectionProfile> &profiles)
{
    m_profiles = profiles;
    m_list->clear();
    for (const ConnectionProfile &p : profiles) {
        auto *item = new QListWidgetItem(colorDot(p.color), p.name, m_list);
        QString tip = p.toParams().displayName();
        if (p.readOnly)
            tip += tr("\nread-only sessions");
        tip += tr("\npassword: %1").arg(ConnectionProfile::storageName(p.passwordStorage));
        item->setToolTip(tip);
    }
}
