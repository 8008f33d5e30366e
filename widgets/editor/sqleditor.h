#pragma once

#include <QByteArrayView>
#include <Qsci/qsciscintilla.h>

#include <functional>

namespace tusk::widgets {

class PostgresLexer;

/// Tusk's SQL editor (QScintilla): PostgreSQL highlighting, line numbers, folding, bracket
/// matching, comment toggling, "statement at cursor" through core's splitter, error marking at
/// the server's reported position, and autocompletion from a provider that never blocks.
class SqlEditor : public QsciScintilla
{
    Q_OBJECT
public:
    /// A statement chosen for running: its text and where it starts (UTF-8 byte offset).
    struct Selection
    {
        QString sql;
        int beginByte = 0;
        bool isEmpty() const { return sql.trimmed().isEmpty(); }
    };
    /// Returns completion candidates for the word being typed; `qualifier` is the text before a
    /// dot (`crm` in `crm.acc`), empty otherwise. Must answer from memory at once.
    using CompletionProvider = std::function<QStringList(const QString &prefix, const QString &qualifier)>;

    explicit SqlEditor(QWidget *parent = nullptr);

    /// The statement under the cursor (or just before it), as split by core/sql.
    Selection statementAtCursor() const;
    /// The selected text, or an empty Selection when nothing is selected.
    Selection selectedStatement() const;
    /// The whole text.
    Selection wholeScript() const;

    /// Marks an error: `position` is the server's 1-based character position inside the
    /// statement that started at `beginByte`; 0 marks the statement's first line.
    void markError(int beginByte, int position);
    void clearErrorMarks();
    bool hasErrorMark() const { return m_errorLine >= 0; }
    int errorLine() const { return m_errorLine; }

    /// Replaces the text with valid UTF-8 bytes, without a QString copy and without an undo
    /// record (a 100 MB script loads in well under a second).
    void setUtf8Text(QByteArrayView utf8);

    void setKeywords(const QStringList &words);
    void setCompletionProvider(CompletionProvider provider) { m_completion = std::move(provider); }
    /// Shows completions for the word at the cursor now (Ctrl+Space).
    void complete();

    void toggleComment();
    /// Re-colours for the application's current palette (light or dark).
    void applyPalette();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    void onCharAdded(int ch);
    QString wordBeforeCursor(QString *qualifier) const;

    PostgresLexer *m_lexer;
    CompletionProvider m_completion;
    int m_errorIndicator = 8;
    int m_errorMarker = 1;
    int m_errorLine = -1;
};

} // namespace tusk::widgets
