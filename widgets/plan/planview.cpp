#include "plan/planview.h"

#include "explain/plansearch.h"
#include "plan/plancolors.h"
#include "plan/plandetailspanel.h"
#include "plan/plangraphscene.h"
#include "plan/plangraphview.h"
#include "plan/plansearchbar.h"
#include "plan/plantext.h"
#include "plan/plantreegrid.h"
#include "plan/plantreemodel.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tusk::widgets {

namespace {
// How many warnings the header lists before "and N more".
constexpr int kHeaderWarnings = 3;
} // namespace

PlanView::PlanView(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_metric(new QComboBox(this))
    , m_search(new PlanSearchBar(this))
    , m_graph(new PlanGraphView(this))
    , m_grid(new PlanTreeGrid(this))
    , m_details(new PlanDetailsPanel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setContentsMargins(8, 6, 8, 2);
    connect(m_header, &QLabel::linkActivated, this, [this](const QString &link) {
        // Links are "node:<id>".
        selectNode(link.section(u':', 1).toInt());
    });

    auto *left = new QSplitter(Qt::Vertical, m_splitter);
    left->addWidget(m_graph);
    left->addWidget(m_grid);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    // Proportions, scaled to the real size at the first layout: the graph gets most room.
    left->setSizes({600, 300});
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({1000, 340});
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildToolBar());
    layout->addWidget(m_header);
    layout->addWidget(m_splitter, 1);

    connect(m_graph, &PlanGraphView::nodeSelected, this, &PlanView::selectNode);
    connect(m_graph, &PlanGraphView::groupSelected, this, [this](int group) {
        m_selected = -1;
        m_grid->selectNode(m_doc->folding.groups().at(group).members.first());
        m_details->showGroup(group);
    });
    connect(m_grid, &PlanTreeGrid::nodeSelected, this, &PlanView::selectNode);
    connect(m_search, &PlanSearchBar::searchChanged, this, &PlanView::search);
    connect(m_search, &PlanSearchBar::nextRequested, this, [this] { goToMatch(1); });
    connect(m_search, &PlanSearchBar::previousRequested, this, [this] { goToMatch(-1); });
}

QToolBar *PlanView::buildToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(new QLabel(tr("Colour by "), bar));
    for (auto m : {explain::HeatMetric::ExclusiveTime, explain::HeatMetric::Cost, explain::HeatMetric::Rows,
                   explain::HeatMetric::Buffers})
        m_metric->addItem(explain::heatMetricName(m), int(m));
    connect(m_metric, &QComboBox::currentIndexChanged, this,
            [this] { m_graph->setMetric(explain::HeatMetric(m_metric->currentData().toInt())); });
    bar->addWidget(m_metric);
    bar->addSeparator();
    bar->addAction(tr("Fit"), m_graph, &PlanGraphView::fitToView)
        ->setToolTip(tr("Fit the plan in the view (0)"));
    bar->addAction(tr("−"), m_graph, &PlanGraphView::zoomOut)->setToolTip(tr("Zoom out (-, Ctrl+wheel)"));
    bar->addAction(tr("+"), m_graph, &PlanGraphView::zoomIn)->setToolTip(tr("Zoom in (+, Ctrl+wheel)"));
    bar->addSeparator();
    m_unfoldAll = bar->addAction(tr("Unfold all"), this, [this] {
        QSet<int> all;
        for (int g = 0; g < m_doc->folding.groups().size(); ++g)
            all << g;
        m_graph->planScene()->setUnfoldedGroups(all);
    });
    m_unfoldAll->setToolTip(tr("Show every node of the folded groups"));
    m_foldAll = bar->addAction(tr("Fold all"), this, [this] { m_graph->planScene()->setUnfoldedGroups({}); });
    m_foldAll->setToolTip(
        tr("Fold sibling subtrees of one shape (partitions, UNION ALL branches) into one card each"));
    bar->addSeparator();
    bar->addWidget(m_search);
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    auto *exportMenu = new QMenu(this);
    exportMenu->addAction(tr("Image (PNG)…"), this,
                          [this] { exportWithDialog(tr("PNG image (*.png)"), QStringLiteral(".png")); });
    exportMenu->addAction(tr("Vector image (SVG)…"), this,
                          [this] { exportWithDialog(tr("SVG image (*.svg)"), QStringLiteral(".svg")); });
    exportMenu->addAction(tr("Original plan (JSON)…"), this,
                          [this] { exportWithDialog(tr("JSON (*.json)"), QStringLiteral(".json")); });
    auto *exportButton = new QToolButton(bar);
    exportButton->setText(tr("Export"));
    exportButton->setMenu(exportMenu);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    bar->addWidget(exportButton);
    return bar;
}

void PlanView::setPlan(const explain::Plan &plan, const QString &originalText)
{
    m_doc = std::make_shared<PlanDocument>(plan, originalText);
    m_selected = -1;
    m_matches.clear();
    m_currentMatch = -1;
    // Without ANALYZE there are no times to colour by: the planner's cost says most.
    const bool analyzed = !plan.isEmpty() && plan.root().hasActuals;
    if (!analyzed && m_metric->currentData().toInt() == int(explain::HeatMetric::ExclusiveTime))
        setMetric(explain::HeatMetric::Cost);
    else if (analyzed && m_metric->currentData().toInt() == int(explain::HeatMetric::Cost))
        setMetric(explain::HeatMetric::ExclusiveTime);
    m_graph->setDocument(m_doc);
    m_unfoldAll->setEnabled(!m_doc->folding.groups().isEmpty());
    m_foldAll->setEnabled(!m_doc->folding.groups().isEmpty());
    m_grid->setDocument(m_doc);
    m_details->setDocument(m_doc);
    if (!m_search->text().isEmpty())
        search(m_search->text());
    updateHeader();
}

void PlanView::selectNode(int nodeId)
{
    if (!m_doc || nodeId < 0 || nodeId >= m_doc->plan.nodes.size())
        return;
    m_selected = nodeId;
    m_graph->selectNode(nodeId);
    m_grid->selectNode(nodeId);
    m_details->showNode(nodeId);
    emit nodeSelected(nodeId);
}

void PlanView::setMetric(explain::HeatMetric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(int(metric)));
}

void PlanView::updateHeader()
{
    if (!m_doc || m_doc->plan.isEmpty()) {
        m_header->clear();
        return;
    }
    const auto &plan = m_doc->plan;
    QStringList facts;
    if (plan.planningTimeMs)
        facts << tr("Planning <b>%1</b>").arg(plantext::duration(*plan.planningTimeMs));
    if (plan.executionTimeMs)
        facts << tr("Execution <b>%1</b>").arg(plantext::duration(*plan.executionTimeMs));
    facts << tr("%n node(s)", nullptr, int(plan.nodes.size()));
    if (!m_doc->folding.groups().isEmpty())
        facts << tr("%n folded group(s)", nullptr, int(m_doc->folding.groups().size()));
    if (plan.numbersMasked)
        facts << tr("numbers masked (regression output)");
    QString html = facts.join(QStringLiteral(" · "));

    // The worst warnings first; among equals, the one on the node that took longest.
    QVector<explain::PlanWarning> warnings = m_doc->analysis.warnings();
    std::stable_sort(warnings.begin(), warnings.end(), [this](const auto &a, const auto &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        const auto share = [this](int id) { return id >= 0 ? m_doc->analysis.timing(id).share : 0.0; };
        return share(a.nodeId) > share(b.nodeId);
    });
    const QPalette &pal = palette();
    for (int i = 0; i < std::min<int>(kHeaderWarnings, warnings.size()); ++i) {
        const explain::PlanWarning &w = warnings.at(i);
        const QString where = w.nodeId >= 0 ? plantext::title(plan.nodes.at(w.nodeId)) : tr("Plan");
        html += QStringLiteral(
                    "<br><span style='color:%1'>●</span> <a href='node:%2' style='color:%3'>%4</a>: %5")
                    .arg(plancolors::severity(pal, w.severity).name())
                    .arg(w.nodeId)
                    .arg(pal.color(QPalette::Link).name(), where.toHtmlEscaped(), w.message.toHtmlEscaped());
    }
    if (warnings.size() > kHeaderWarnings)
        html +=
            QStringLiteral(" <span style='color:%1'>%2</span>")
                .arg(
                    plancolors::mix(pal.color(QPalette::WindowText), pal.color(QPalette::Window), 0.4).name(),
                    tr("(and %n more)", nullptr, int(warnings.size() - kHeaderWarnings)));
    m_header->setText(html);
}

void PlanView::search(const QString &text)
{
    m_matches = m_doc ? explain::findNodes(m_doc->plan, text) : QVector<int>();
    m_currentMatch = -1;
    m_graph->setMatches(m_matches);
    m_grid->planModel()->setMatches(m_matches);
    m_search->setMatchCount(-1, int(m_matches.size()));
}

void PlanView::goToMatch(int step)
{
    if (m_matches.isEmpty())
        return;
    const int n = int(m_matches.size());
    m_currentMatch = m_currentMatch < 0 ? (step > 0 ? 0 : n - 1) : (m_currentMatch + step + n) % n;
    selectNode(m_matches.at(m_currentMatch));
    m_search->setMatchCount(m_currentMatch, n);
}

bool PlanView::exportOriginal(const QString &path) const
{
    if (!m_doc)
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(m_doc->originalText.toUtf8()) >= 0;
}

void PlanView::exportWithDialog(const QString &filter, const QString &suffix)
{
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export plan"), QStringLiteral("plan") + suffix, filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;
    bool ok = false;
    if (suffix == QLatin1String(".png"))
        ok = m_graph->exportPng(path);
    else if (suffix == QLatin1String(".svg"))
        ok = m_graph->exportSvg(path);
    else
        ok = exportOriginal(path);
    if (!ok)
        QMessageBox::warning(this, tr("Export plan"), tr("Could not write %1.").arg(path));
}

} // namespace tusk::widgets
