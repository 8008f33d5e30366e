#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace tusk::widgets {

class SqlEditor;

/// Find and replace for the SQL editor (Ctrl+F / Ctrl+H): incremental search, next/previous,
/// case and whole-word switches, regular expressions, replace one or all (one undo step).
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(SqlEditor *editor, QWidget *parent = nullptr);

    void showFind();
    void showReplace();
    bool findNext(bool forward = true);
    /// Replaces every match in the document; returns how many.
    int replaceAll();
    bool replaceCurrent();

    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool search(bool forward, bool fromStart);

    SqlEditor *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QWidget *m_replaceRow;
    QCheckBox *m_case;
    QCheckBox *m_word;
    QCheckBox *m_regex;
    QLabel *m_status;
};

} // namespace tusk::widgets
