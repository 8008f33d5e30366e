#include "planpane.h"

#include "explain/plananalysis.h"
#include "plan/plandiffview.h"
#include "plan/planview.h"
#include "planimport.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace tusk;

namespace {
QString describe(const PlanPane::Entry &e)
{
    QString text = e.at.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral("  ·  ");
    if (e.plan.executionTimeMs)
        text += QLocale().toString(*e.plan.executionTimeMs, 'f', 1) + QStringLiteral(" ms  ·  ");
    text += QCoreApplication::translate("PlanPane", "%n node(s)", nullptr, int(e.plan.nodes.size())) +
            QStringLiteral("  ·  ");
    return text + e.title.simplified().left(120);
}

// "11:02:03 · EXPLAIN ANALYZE select …" for the diff's side captions.
QString caption(const PlanPane::Entry &e)
{
    return e.at.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(" · ") + e.title;
}
} // namespace

PlanPane::PlanPane(QWidget *parent)
    : QWidget(parent)
    , m_historyBox(new QComboBox(this))
    , m_whatIf(new QPushButton(tr("What if…"), this))
    , m_compare(new QToolButton(this))
    , m_pages(new QStackedWidget(this))
    , m_view(new widgets::PlanView(this))
    , m_diff(new widgets::PlanDiffView(this))
{
    m_historyBox->setObjectName(QStringLiteral("planHistory"));
    m_historyBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_historyBox->setMinimumContentsLength(40);
    m_historyBox->setToolTip(tr("Plans of this tab, newest first"));
    m_compare->setObjectName(QStringLiteral("planCompare"));
    m_compare->setText(tr("Compare… ▾"));
    // The arrow is in the text: Fusion's indicator would sit on top of the label.
    m_compare->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    m_compare->setToolTip(tr("Compare this plan with an earlier one, a file or the clipboard"));
    m_compare->setPopupMode(QToolButton::InstantPopup);
    m_compare->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_compare);
    m_compare->setMenu(menu);
    // Built when opened: the history changes with every EXPLAIN.
    connect(menu, &QMenu::aboutToShow, this, &PlanPane::fillCompareMenu);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 0);
    top->addWidget(new QLabel(tr("Plan:"), this));
    top->addWidget(m_historyBox, 1);
    m_whatIf->setObjectName(QStringLiteral("planWhatIf"));
    m_whatIf->setToolTip(tr("Try candidate indexes for this plan as HypoPG hypothetical indexes"));
    top->addWidget(m_whatIf);
    top->addWidget(m_compare);
    m_pages->addWidget(m_view);
    m_pages->addWidget(buildDiffPage());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    connect(m_historyBox, &QComboBox::activated, this, &PlanPane::showEntry);
    connect(m_whatIf, &QPushButton::clicked, this, &PlanPane::whatIfRequested);
}

QWidget *PlanPane::buildDiffPage()
{
    auto *page = new QWidget(this);
    auto *back = new QToolButton(page);
    back->setObjectName(QStringLiteral("planDiffBack"));
    back->setText(tr("← Back to the plan"));
    back->setToolButtonStyle(Qt::ToolButtonTextOnly);
    back->setAutoRaise(true);
    back->setShortcut(QKeySequence::Back);
    back->setToolTip(
        tr("Back to the plan (%1)").arg(QKeySequence(QKeySequence::Back).toString(QKeySequence::NativeText)));
    connect(back, &QToolButton::clicked, this, &PlanPane::showPlanView);
    auto *swap = new QToolButton(page);
    swap->setObjectName(QStringLiteral("planDiffSwap"));
    swap->setText(tr("Swap sides"));
    swap->setToolTip(tr("Show the other plan as \"before\""));
    swap->setAutoRaise(true);
    connect(swap, &QToolButton::clicked, this, [this] { showDiff(m_diffAfter, m_diffBefore); });
    m_diffTitle = new QLabel(page);
    m_diffTitle->setTextFormat(Qt::PlainText);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(2, 0, 6, 0);
    bar->addWidget(back);
    bar->addWidget(m_diffTitle, 1);
    bar->addWidget(swap);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_diff, 1);
    return page;
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
    showPlanView();
}

int PlanPane::currentEntry() const
{
    return m_historyBox->currentIndex();
}

void PlanPane::fillCompareMenu()
{
    QMenu *menu = m_compare->menu();
    menu->clear();
    const int current = currentEntry();
    for (int i = 0; i < m_history.size(); ++i) {
        if (i == current)
            continue;
        menu->addAction(describe(m_history.at(i)), this, [this, i] { compareWithEntry(i); });
    }
    if (m_history.size() < 2)
        menu->addAction(tr("No other plan in this tab yet"))->setEnabled(false);
    menu->addSeparator();
    menu->addAction(tr("Plan from a file…"), this, [this] {
        planimport::Imported plan;
        if (planimport::readFile(this, &plan))
            compareWith({plan.plan, plan.text, plan.title, QDateTime::currentDateTime()});
    });
    menu->addAction(tr("Plan from the clipboard"), this, [this] {
        planimport::Imported plan;
        if (planimport::readClipboard(this, &plan))
            compareWith({plan.plan, plan.text, plan.title, QDateTime::currentDateTime()});
    });
}

void PlanPane::compareWithEntry(int i)
{
    const int current = currentEntry();
    if (i < 0 || i >= m_history.size() || current < 0 || i == current)
        return;
    // Newest first: a larger index is an older plan.
    if (i > current)
        showDiff(m_history.at(i), m_history.at(current));
    else
        showDiff(m_history.at(current), m_history.at(i));
}

void PlanPane::compareWith(const Entry &other)
{
    const int current = currentEntry();
    if (current < 0)
        return;
    showDiff(other, m_history.at(current));
}

void PlanPane::showDiff(const Entry &before, const Entry &after)
{
    m_diffBefore = before;
    m_diffAfter = after;
    m_pages->setCurrentIndex(1);
    m_diff->setPlans(before.plan, before.originalText, caption(before), after.plan, after.originalText,
                     caption(after));
    m_diffTitle->setText(tr("Plan diff: %1 → %2")
                             .arg(before.at.toString(QStringLiteral("HH:mm:ss")),
                                  after.at.toString(QStringLiteral("HH:mm:ss"))));
}

void PlanPane::showPlanView()
{
    m_pages->setCurrentIndex(0);
}

bool PlanPane::isComparing() const
{
    return m_pages->currentIndex() == 1;
}
