#include "plan/plansearchbar.h"

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace tusk::widgets {

PlanSearchBar::PlanSearchBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
{
    m_edit->setPlaceholderText(tr("Find relation, index, node…"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(200);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (Enter)"));
    m_previous->setAutoRaise(true);
    m_next->setAutoRaise(true);
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(tr("%1 of %2").arg(999).arg(9999)));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_count);
    connect(m_edit, &QLineEdit::textChanged, this, &PlanSearchBar::searchChanged);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            emit previousRequested();
        else
            emit nextRequested();
    });
    connect(m_previous, &QToolButton::clicked, this, &PlanSearchBar::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &PlanSearchBar::nextRequested);
    setMatchCount(-1, 0);
}

QString PlanSearchBar::text() const
{
    return m_edit->text();
}

void PlanSearchBar::setText(const QString &text)
{
    m_edit->setText(text);
}

void PlanSearchBar::setMatchCount(int current, int total)
{
    m_previous->setEnabled(total > 0);
    m_next->setEnabled(total > 0);
    if (m_edit->text().trimmed().isEmpty())
        m_count->clear();
    else if (total == 0)
        m_count->setText(tr("no match"));
    else if (current < 0)
        m_count->setText(tr("%n match(es)", nullptr, total));
    else
        m_count->setText(tr("%1 of %2").arg(current + 1).arg(total));
}

} // namespace tusk::widgets
