#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace tusk::widgets {

/// Search field for the plan view: type a relation, index or node type; Enter or the arrows
/// go to the next / previous match; shows "3 of 120".
class PlanSearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit PlanSearchBar(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    /// Shows "current of total" (current is 0-based; -1 when nothing is selected).
    void setMatchCount(int current, int total);
    QLineEdit *lineEdit() const { return m_edit; }

signals:
    void searchChanged(const QString &text);
    void nextRequested();
    void previousRequested();

private:
    QLineEdit *m_edit;
    QLabel *m_count;
    QToolButton *m_previous;
    QToolButton *m_next;
};

} // namespace tusk::widgets
