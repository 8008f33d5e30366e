#include "whatifdialog.h"

#include "explain/plananalysis.h"
#include "plan/plancolors.h"
#include "plan/planview.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace tusk;

namespace {

enum Column { IndexColumn, SourceColumn, BeforeColumn, AfterColumn, ChangeColumn, UsedColumn, ColumnCount };

QString costText(double cost)
{
    return QLocale().toString(cost, 'f', 2);
}

QFont monospace()
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSize(QApplication::font().pointSize());
    return f;
}

} // namespace

WhatIfDialog::WhatIfDialog(pg::Session *session, const QString &statement, const explain::Plan &before,
                           QWidget *parent)
    : QDialog(parent)
    , m_runner(new advisor::WhatIfRunner(session, this))
    , m_statement(statement.trimmed())
    , m_before(before)
{
    setWindowTitle(tr("What if — hypothetical indexes"));
    setObjectName(QStringLiteral("whatIfDialog"));
    m_confirm = [this](const QString &sql, const QString &reason) {
        return QMessageBox::question(this, tr("Run this statement?"),
                                     reason + QStringLiteral("\n\n") + sql) == QMessageBox::Yes;
    };
    buildUi();
    connect(m_runner, &advisor::WhatIfRunner::probed, this, &WhatIfDialog::showProbe);
    connect(m_runner, &advisor::WhatIfRunner::candidatesReady, this, &WhatIfDialog::onCandidates);
    connect(m_runner, &advisor::WhatIfRunner::baselineReady, this,
            [this](const explain::Plan &plan, double cost) {
                m_baseline = plan;
                setStatus(tr("Without a new index the planner estimates %1. Trying %n candidate(s)…", nullptr,
                             int(m_runRows.size()))
                              .arg(costText(cost)));
            });
    connect(m_runner, &advisor::WhatIfRunner::candidateFinished, this, &WhatIfDialog::onCandidateFinished);
    connect(m_runner, &advisor::WhatIfRunner::finished, this, &WhatIfDialog::onFinished);
    connect(m_runner, &advisor::WhatIfRunner::cancelled, this, [this] {
        setStatus(tr("Cancelled; the hypothetical indexes were removed."));
        updateButtons();
    });
    connect(m_runner, &advisor::WhatIfRunner::failed, this, [this](const QString &message) {
        setStatus(tr("Failed: %1").arg(message));
        updateButtons();
    });
}

void WhatIfDialog::buildUi()
{
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("whatIfStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Shown only when HypoPG is missing: how to install it, or the CREATE EXTENSION to run.
    m_extensionBox = new QWidget(this);
    m_instructions = new QPlainTextEdit(m_extensionBox);
    m_instructions->setObjectName(QStringLiteral("whatIfInstructions"));
    m_instructions->setReadOnly(true);
    m_instructions->setFont(monospace());
    m_instructions->setMaximumHeight(QFontMetrics(monospace()).lineSpacing() * 13);
    m_createExtension = new QPushButton(tr("Run CREATE EXTENSION hypopg…"), m_extensionBox);
    m_createExtension->setObjectName(QStringLiteral("whatIfCreateExtension"));
    auto *extLayout = new QVBoxLayout(m_extensionBox);
    extLayout->setContentsMargins(0, 0, 0, 0);
    extLayout->addWidget(m_instructions);
    extLayout->addWidget(m_createExtension, 0, Qt::AlignLeft);
    m_extensionBox->hide();

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("whatIfCandidates"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels(
        {tr("Index"), tr("Source"), tr("Cost before"), tr("Cost after"), tr("Change"), tr("Planner")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(IndexColumn, QHeaderView::Stretch);
    for (int c = SourceColumn; c < ColumnCount; ++c)
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("whatIfReason"));
    m_reason->setWordWrap(true);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 4); // keeps the splitter's grip off the reason
    topLayout->addWidget(m_list, 1);
    topLayout->addWidget(m_reason);

    m_planTitle = new QLabel(tr("Current plan"), this);
    m_planView = new widgets::PlanView(this);
    // Until a run, the plan as it is: what the candidates are meant to change.
    if (!m_before.isEmpty())
        m_planView->setPlan(m_before, QString());
    auto *planBox = new QWidget(this);
    auto *planLayout = new QVBoxLayout(planBox);
    planLayout->setContentsMargins(0, 0, 0, 0);
    planLayout->addWidget(m_planTitle);
    planLayout->addWidget(m_planView, 1);

    m_winnerTitle = new QLabel(tr("Recommended index"), this);
    QFont bold = m_winnerTitle->font();
    bold.setBold(true);
    m_winnerTitle->setFont(bold);
    m_statementBox = new QPlainTextEdit(this);
    m_statementBox->setObjectName(QStringLiteral("whatIfStatement"));
    m_statementBox->setReadOnly(true);
    m_statementBox->setFont(monospace());
    m_statementBox->setPlaceholderText(tr("Run the candidates to get a recommendation."));
    // A statement is one or two lines: a short box beside its buttons, so the plan gets the width.
    m_statementBox->setFixedHeight(QFontMetrics(monospace()).lineSpacing() * 3 + 12);
    m_copy = new QPushButton(tr("Copy"), this);
    m_insert = new QPushButton(tr("Insert into editor"), this);
    m_insert->setObjectName(QStringLiteral("whatIfInsert"));
    auto *winnerButtons = new QVBoxLayout;
    winnerButtons->addWidget(m_copy);
    winnerButtons->addWidget(m_insert);
    winnerButtons->addStretch(1);
    auto *statementRow = new QHBoxLayout;
    statementRow->addWidget(m_statementBox, 1);
    statementRow->addLayout(winnerButtons);
    auto *note = new QLabel(tr("CONCURRENTLY builds without blocking writes; it cannot run inside a "
                               "transaction block. The server names the index."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    topLayout->addSpacing(6);
    topLayout->addWidget(m_winnerTitle);
    topLayout->addLayout(statementRow);
    topLayout->addWidget(note);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(planBox);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    m_split = split;
    m_top = top;

    m_run = new QPushButton(tr("Try checked indexes"), this);
    m_run->setObjectName(QStringLiteral("whatIfRun"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_compare = new QPushButton(tr("Compare plans"), this);
    m_compare->setToolTip(tr("The plan without the index next to the plan with it"));
    auto *close = new QPushButton(tr("Close"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_compare);
    buttons->addStretch(1);
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_extensionBox);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    resize(1100, 820);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &WhatIfDialog::showSelected);
    connect(m_list, &QTreeWidget::itemChanged, this, &WhatIfDialog::updateButtons);
    connect(m_run, &QPushButton::clicked, this, &WhatIfDialog::runChecked);
    connect(m_cancel, &QPushButton::clicked, m_runner, &advisor::WhatIfRunner::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_statementBox->toPlainText()); });
    connect(m_insert, &QPushButton::clicked, this,
            [this] { emit insertRequested(m_statementBox->toPlainText()); });
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem *item = m_list->currentItem();
        const int r = item ? item->data(0, Qt::UserRole + 1).toInt() : -1;
        if (r >= 0 && r < m_results.size() && !m_results[r].planAfter.isEmpty())
            emit compareRequested(m_baseline, m_results[r].planAfter);
    });
    connect(m_createExtension, &QPushButton::clicked, this, [this] {
        if (!m_confirm(advisor::WhatIfRunner::createExtensionSql() + u';',
                       tr("HypoPG is installed on the server but not created in this database. Creating it "
                          "adds its functions to the database; it changes no data and needs no restart.")))
            return;
        setStatus(tr("Creating the extension…"));
        m_createExtension->setEnabled(false);
        m_runner->createExtension();
    });
    updateButtons();
}

void WhatIfDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (!m_started) {
        // Room for about six candidates (more scroll) and the recommendation; the plan takes the
        // rest. A tree's own size hint is far taller than that.
        const int rowHeight = m_list->fontMetrics().height() + 4;
        const int list = m_list->header()->sizeHint().height() + rowHeight * 6 + 2 * m_list->frameWidth();
        const int top = m_top->sizeHint().height() - m_list->sizeHint().height() + list;
        m_split->setSizes({top, std::max(0, m_split->height() - top)});
        start();
    }
}

void WhatIfDialog::start()
{
    if (m_started)
        return;
    m_started = true;
    setStatus(tr("Checking for HypoPG…"));
    m_runner->probe();
}

QString WhatIfDialog::unavailableMessage(const advisor::HypoPgStatus &status)
{
    switch (status.state) {
    case advisor::HypoPgStatus::State::Installed:
        return {};
    case advisor::HypoPgStatus::State::Available:
        return tr("HypoPG %1 is installed on the server but not created in this database. Tusk can run:\n\n"
                  "  %2;\n\nHypothetical indexes exist only in this session and only for the planner: "
                  "nothing "
                  "is built.")
            .arg(status.availableVersion, advisor::WhatIfRunner::createExtensionSql());
    case advisor::HypoPgStatus::State::NotAvailable:
        break;
    }
    return advisor::WhatIfRunner::installInstructions(status.serverVersion);
}

void WhatIfDialog::showProbe(const advisor::HypoPgStatus &status)
{
    m_hypopg = status.state;
    const QString message = unavailableMessage(status);
    m_extensionBox->setVisible(!message.isEmpty());
    m_instructions->setPlainText(message);
    m_createExtension->setVisible(status.state == advisor::HypoPgStatus::State::Available);
    m_createExtension->setEnabled(true);
    m_winnerTitle->setText(tr("Recommended index"));
    if (status.state == advisor::HypoPgStatus::State::Installed)
        m_statementBox->clear();
    if (!message.isEmpty())
        setStatus(
            status.state == advisor::HypoPgStatus::State::Available
                ? tr("HypoPG is not created in this database. The candidates below can still be built.")
                : tr("HypoPG is not available, so the candidates cannot be tried. They can still be built."));
    else
        setStatus(tr("HypoPG %1: checking candidates…").arg(status.version));
    // The plan's candidates are worth showing even when they cannot be tried.
    explain::PlanAnalysis analysis(m_before);
    m_runner->prepare(explain::suggestIndexes(m_before, &analysis));
}

void WhatIfDialog::onCandidates(const QVector<explain::IndexCandidate> &candidates)
{
    const bool fresh = m_candidates.isEmpty();
    m_candidates = candidates;
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (int i = 0; i < candidates.size(); ++i) {
        const explain::IndexCandidate &c = candidates[i];
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(IndexColumn, c.label());
        item->setText(SourceColumn, c.source == explain::IndexCandidate::Source::PgQualstats
                                        ? tr("pg_qualstats")
                                        : tr("plan"));
        item->setToolTip(IndexColumn, c.reason);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        // The plan's best three are checked; pg_qualstats' advice is there to add by hand.
        item->setCheckState(IndexColumn, c.source == explain::IndexCandidate::Source::Plan && i < 3
                                             ? Qt::Checked
                                             : Qt::Unchecked);
        item->setData(0, Qt::UserRole, i);
        item->setData(0, Qt::UserRole + 1, -1);
        for (int col = BeforeColumn; col <= ChangeColumn; ++col)
            item->setTextAlignment(col, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    showSelected();
    if (candidates.isEmpty())
        setStatus(tr("No candidate: no scan in this plan filters or joins on columns a B-tree index could "
                     "serve, or the plan already uses such an index."));
    else if (m_hypopg == advisor::HypoPgStatus::State::Installed) {
        if (m_statement.isEmpty())
            setStatus(
                tr("This plan has no statement to plan again (it was opened from a file): the candidates "
                   "can be built but not tried."));
        else if (fresh)
            setStatus(tr("HypoPG %1 is ready. %n candidate(s) from the plan; check the ones to try.", nullptr,
                         int(candidates.size()))
                          .arg(m_runner->status().version));
    }
    updateButtons();
}

void WhatIfDialog::runChecked()
{
    if (m_runner->isRunning() || m_statement.isEmpty())
        return;
    QVector<explain::IndexCandidate> chosen;
    m_runRows.clear();
    m_results.clear();
    m_winner = -1;
    m_planShown = -2; // whatever shows is from the last run
    m_statementBox->clear();
    const QSignalBlocker block(m_list);
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        item->setData(0, Qt::UserRole + 1, -1);
        for (int col = BeforeColumn; col < ColumnCount; ++col) {
            item->setText(col, QString());
            item->setBackground(col, {});
        }
        QFont f = item->font(IndexColumn);
        f.setBold(false);
        item->setFont(IndexColumn, f);
        item->setBackground(IndexColumn, {});
        item->setBackground(SourceColumn, {});
        if (item->checkState(IndexColumn) == Qt::Checked) {
            chosen << m_candidates[item->data(0, Qt::UserRole).toInt()];
            m_runRows << row;
            item->setText(UsedColumn, tr("waiting"));
        }
    }
    if (chosen.isEmpty())
        return;
    setStatus(tr("Planning the statement without a new index…"));
    m_runner->run(m_statement, chosen);
    updateButtons();
}

int WhatIfDialog::rowOfResult(int resultIndex) const
{
    return resultIndex >= 0 && resultIndex < m_runRows.size() ? m_runRows[resultIndex] : -1;
}

void WhatIfDialog::onCandidateFinished(const advisor::WhatIfResult &result)
{
    m_results << result;
    QTreeWidgetItem *item = m_list->topLevelItem(rowOfResult(result.candidate));
    if (!item)
        return;
    const QSignalBlocker block(m_list);
    item->setData(0, Qt::UserRole + 1, int(m_results.size() - 1));
    if (!result.error.isEmpty()) {
        item->setText(UsedColumn, tr("failed"));
        item->setToolTip(UsedColumn, result.error);
    } else {
        item->setText(BeforeColumn, costText(result.costBefore));
        item->setText(AfterColumn, costText(result.costAfter));
        item->setText(ChangeColumn,
                      QStringLiteral("%1%").arg(QLocale().toString(result.change() * 100, 'f', 1)));
        item->setText(UsedColumn, result.used ? tr("uses it") : tr("not used"));
    }
    if (item == m_list->currentItem())
        showSelected();
    setStatus(tr("Tried %1 of %2…").arg(m_results.size()).arg(m_runRows.size()));
}

void WhatIfDialog::onFinished(const QVector<advisor::WhatIfResult> &results, int winner)
{
    m_results = results;
    m_winner = winner;
    if (winner < 0) {
        setStatus(tr("None of the tried indexes makes the planner's estimate cheaper: the planner did not "
                     "use them, or they do not pay off for this statement."));
        m_statementBox->clear();
        updateButtons();
        return;
    }
    const advisor::WhatIfResult &w = results[winner];
    const explain::IndexCandidate &c =
        m_candidates[m_list->topLevelItem(rowOfResult(winner))->data(0, Qt::UserRole).toInt()];
    setStatus(tr("Recommended: %1 — estimated cost %2 → %3 (%4% cheaper). Estimates only: nothing was built; "
                 "check with EXPLAIN ANALYZE once the index exists.")
                  .arg(c.label(), costText(w.costBefore), costText(w.costAfter),
                       QLocale().toString(-w.change() * 100, 'f', 1)));
    m_statementBox->setPlainText(c.createStatement());
    QTreeWidgetItem *item = m_list->topLevelItem(rowOfResult(winner));
    const QSignalBlocker block(m_list);
    QFont f = item->font(IndexColumn);
    f.setBold(true);
    item->setFont(IndexColumn, f);
    item->setText(UsedColumn, tr("uses it — recommended"));
    const QColor fill = widgets::plancolors::mix(palette().color(QPalette::Base), QColor(0x2e, 0xa0, 0x43),
                                                 widgets::plancolors::isDark(palette()) ? 0.35 : 0.2);
    for (int col = 0; col < ColumnCount; ++col)
        item->setBackground(col, fill);
    m_list->setCurrentItem(item);
    showSelected();
    updateButtons();
}

void WhatIfDialog::showSelected()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item) {
        m_reason->clear();
        return;
    }
    const explain::IndexCandidate &c = m_candidates[item->data(0, Qt::UserRole).toInt()];
    m_reason->setText(c.reason);
    const int r = item->data(0, Qt::UserRole + 1).toInt();
    if (r >= 0 && r < m_results.size() && !m_results[r].planAfter.isEmpty()) {
        m_planTitle->setText(tr("Plan with %1").arg(c.label()));
        if (m_planShown != r)
            m_planView->setPlan(m_results[r].planAfter, m_results[r].json);
        m_planShown = r;
    } else {
        m_planTitle->setText(m_hypopg == advisor::HypoPgStatus::State::Installed
                                 ? tr("Current plan (the plan with each index shows after a run)")
                                 : tr("Current plan"));
        if (m_planShown != -1)
            m_planView->setPlan(m_before, QString());
        m_planShown = -1;
    }
    showUntriedStatement();
    updateButtons();
}

void WhatIfDialog::showUntriedStatement()
{
    if (m_hypopg == advisor::HypoPgStatus::State::Installed)
        return;
    const QTreeWidgetItem *item = m_list->currentItem();
    m_winnerTitle->setText(tr("Selected candidate (not tried)"));
    m_statementBox->setPlainText(item ? m_candidates[item->data(0, Qt::UserRole).toInt()].createStatement()
                                      : QString());
}

void WhatIfDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

void WhatIfDialog::updateButtons()
{
    const bool running = m_runner->isRunning();
    bool anyChecked = false;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row)
        anyChecked = anyChecked || m_list->topLevelItem(row)->checkState(IndexColumn) == Qt::Checked;
    m_run->setEnabled(!running && anyChecked && !m_statement.isEmpty() &&
                      m_hypopg == advisor::HypoPgStatus::State::Installed);
    m_cancel->setEnabled(running);
    const QTreeWidgetItem *item = m_list->currentItem();
    const int r = item ? item->data(0, Qt::UserRole + 1).toInt() : -1;
    m_compare->setEnabled(r >= 0 && r < m_results.size() && !m_results[r].planAfter.isEmpty() &&
                          !m_baseline.isEmpty());
    const bool hasStatement = !m_statementBox->toPlainText().isEmpty();
    m_copy->setEnabled(hasStatement);
    m_insert->setEnabled(hasStatement);
}

QString WhatIfDialog::recommendedStatement() const
{
    return m_statementBox->toPlainText();
}
