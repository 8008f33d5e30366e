#include "planpane.h"

#include "explain/plananalysis.h"
#include "plan/planview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace tusk;

namespace {
QString describe(const PlanPane::Entry &e)
{
    QString text = e.at.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral("  ·  ");
    if (e.plan.executionTimeMs)
        text += QLocale().toString(*e.plan.executionTimeMs, 'f', 1) + QStringLiteral(" ms  ·  ");
    text += QObject::tr("%n node(s)", nullptr, int(e.plan.nodes.size())) + QStringLiteral("  ·  ");
    return text + e.title.simplified().left(120);
}
} // namespace

PlanPane::PlanPane(QWidget *parent)
    : QWidget(parent)
    , m_historyBox(new QComboBox(this))
    , m_whatIf(new QPushButton(tr("What if…"), this))
    , m_view(new widgets::PlanView(this))
{
    m_historyBox->setObjectName(QStringLiteral("planHistory"));
    m_historyBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_historyBox->setMinimumContentsLength(40);
    m_historyBox->setToolTip(tr("Plans of this tab, newest first"));
    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 0);
    top->addWidget(new QLabel(tr("Plan:"), this));
    top->addWidget(m_historyBox, 1);
    m_whatIf->setObjectName(QStringLiteral("planWhatIf"));
    m_whatIf->setToolTip(tr("Try candidate indexes for this plan as HypoPG hypothetical indexes"));
    top->addWidget(m_whatIf);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    connect(m_historyBox, &QComboBox::activated, this, &PlanPane::showEntry);
    connect(m_whatIf, &QPushButton::clicked, this, &PlanPane::whatIfRequested);
}

void PlanPane::addPlan(const Entry &entry)
{
    m_history.prepend(entry);
    m_historyBox->insertItem(0, describe(entry));
    m_historyBox->setItemData(0, entry.title.left(2000), Qt::ToolTipRole);
    showEntry(0);
}

void PlanPane::showEntry(int i)
{
    if (i < 0 || i >= m_history.size())
        return;
    m_historyBox->setCurrentIndex(i);
    m_view->setPlan(m_history[i].plan, m_history[i].originalText);
}

int PlanPane::currentEntry() const
{
    return m_historyBox->currentIndex();
}
