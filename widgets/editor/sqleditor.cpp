#include "editor/sqleditor.h"

#include "editor/postgreslexer.h"
#include "sql/splitter.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPalette>

namespace tusk::widgets {

namespace {
QFont editorFont()
{
    QFont f(QStringLiteral("DejaVu Sans Mono"));
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(QApplication::font().pointSizeF());
    if (!QFontInfo(f).fixedPitch())
        f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return f;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}
} // namespace

SqlEditor::SqlEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new PostgresLexer(this))
{
    setUtf8(true);
    setLexer(m_lexer);
    setMarginType(0, NumberMargin);
    setMarginLineNumbers(0, true);
    setFolding(BoxedTreeFoldStyle, 2);
    setBraceMatching(SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setCaretLineVisible(true);
    setEolMode(EolUnix);
    setWrapMode(WrapNone);
    setScrollWidthTracking(true);
    setScrollWidth(1);
    setAutoCompletionSource(AcsNone); // we feed the list ourselves, from memory
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionReplaceWord(true);

    m_errorMarker = markerDefine(QsciScintilla::RightArrow, m_errorMarker);
    indicatorDefine(SquiggleLowIndicator, m_errorIndicator);
    setIndicatorForegroundColor(QColor(0xd7, 0x3a, 0x49), m_errorIndicator);
    setMarkerBackgroundColor(QColor(0xd7, 0x3a, 0x49), m_errorMarker);
    setMarkerForegroundColor(QColor(0xd7, 0x3a, 0x49), m_errorMarker);

    connect(this, &QsciScintilla::SCN_CHARADDED, this, &SqlEditor::onCharAdded);
    connect(this, &QsciScintilla::textChanged, this, [this] {
        if (m_errorLine >= 0)
            clearErrorMarks(); // the text the error referred to is gone
    });
    applyPalette();
}

void SqlEditor::applyPalette()
{
    const QPalette p = QApplication::palette();
    const QFont font = editorFont();
    m_lexer->applyPalette(p, font);
    setFont(font);
    setMarginsFont(font);
    setMarginWidth(0, QStringLiteral("00000"));
    setMarginsBackgroundColor(p.color(QPalette::Window));
    setMarginsForegroundColor(p.color(QPalette::PlaceholderText));
    setFoldMarginColors(p.color(QPalette::Window), p.color(QPalette::Window));
    const bool dark = p.color(QPalette::Base).lightness() < 128;
    setCaretForegroundColor(p.color(QPalette::Text));
    setCaretLineBackgroundColor(dark ? QColor(0x2a, 0x2e, 0x34) : QColor(0xf2, 0xf5, 0xf9));
    setSelectionBackgroundColor(dark ? QColor(0x26, 0x4f, 0x78) : QColor(0xc8, 0xdc, 0xf5));
    setSelectionForegroundColor(p.color(QPalette::Text));
    setMatchedBraceBackgroundColor(dark ? QColor(0x3b, 0x51, 0x4d) : QColor(0xd4, 0xf0, 0xe4));
    setMatchedBraceForegroundColor(p.color(QPalette::Text));
    setUnmatchedBraceForegroundColor(QColor(0xd7, 0x3a, 0x49));
    // Colours live in the styles: a repaint shows them; nothing needs lexing again.
    viewport()->update();
}

void SqlEditor::setUtf8Text(QByteArrayView utf8)
{
    // Scintilla tells its owner about every insertion and deletion (SCN_MODIFIED) with the text
    // itself, and QScintilla answers each by copying that text into a NUL-terminated buffer for
    // its signal and converting it into a QString for an accessibility event: for a 100 MB file
    // 300 MB of copies and 1.5 s of the UI thread's time. Nothing here needs those notifications
    // for a wholesale replacement, so they are masked while the text goes in, and the two
    // signals that matter (textChanged, linesChanged) are sent once afterwards.
    const long mask = SendScintilla(SCI_GETMODEVENTMASK);
    // The mask must be empty: Scintilla notifies when any flag of a change is in it, and an
    // insertion also carries SC_PERFORMED_USER and SC_STARTACTION.
    SendScintilla(SCI_SETMODEVENTMASK, 0L);
    // Undo history would keep a second copy of the whole file.
    SendScintilla(SCI_SETUNDOCOLLECTION, 0L);
    SendScintilla(SCI_CLEARALL);
    SendScintilla(SCI_ALLOCATE,
                  long(utf8.size() + 4096)); // one allocation instead of regrowing the gap buffer
    // ADDTEXT takes a length: the bytes need no terminating NUL (a mapped file has none).
    SendScintilla(SCI_ADDTEXT, static_cast<unsigned long>(utf8.size()), utf8.data());
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    SendScintilla(SCI_SETUNDOCOLLECTION, 1L);
    SendScintilla(SCI_SETMODEVENTMASK, mask);
    SendScintilla(SCI_GOTOPOS, 0L);
    emit textChanged();
    emit linesChanged();
}

void SqlEditor::setKeywords(const QStringList &words)
{
    m_lexer->setKeywords(words);
    // Scintilla takes the new list and marks the whole text for styling again, lazily: what is on
    // screen is styled at the next paint, the rest as it scrolls into view. recolor() would
    // style everything at once, 2.5 s for a 100 MB file.
    SendScintilla(SCI_SETKEYWORDS, 0UL, m_lexer->keywords(1));
    viewport()->update();
}

SqlEditor::Selection SqlEditor::statementAtCursor() const
{
    const QByteArray utf8 = text().toUtf8();
    const std::string_view script(utf8.constData(), size_t(utf8.size()));
    const auto statements = sql::splitStatements(script);
    const long cursor = SendScintilla(SCI_GETCURRENTPOS);
    const int i = sql::statementAt(statements, size_t(cursor));
    if (i < 0 || statements[size_t(i)].kind != sql::Statement::Kind::Sql)
        return {};
    const sql::Statement &s = statements[size_t(i)];
    const std::string_view t = s.text(script);
    return {QString::fromUtf8(t.data(), qsizetype(t.size())), int(s.begin)};
}

SqlEditor::Selection SqlEditor::selectedStatement() const
{
    if (!hasSelectedText())
        return {};
    return {selectedText(), int(SendScintilla(SCI_GETSELECTIONSTART))};
}

SqlEditor::Selection SqlEditor::wholeScript() const
{
    return {text(), 0};
}

void SqlEditor::markError(int beginByte, int position)
{
    clearErrorMarks();
    long pos = beginByte;
    if (position > 1) // the server counts characters, Scintilla bytes
        pos = SendScintilla(SCI_POSITIONRELATIVE, beginByte, long(position - 1));
    if (pos < 0)
        pos = beginByte;
    int line = 0, index = 0;
    lineIndexFromPosition(int(pos), &line, &index);
    // Underline the token the server pointed at.
    long end = SendScintilla(SCI_WORDENDPOSITION, pos, 1L);
    if (end <= pos)
        end = pos + 1;
    SendScintilla(SCI_SETINDICATORCURRENT, m_errorIndicator);
    SendScintilla(SCI_INDICATORFILLRANGE, pos, end - pos);
    markerAdd(line, m_errorMarker);
    m_errorLine = line;
    setCursorPosition(line, index);
    ensureLineVisible(line);
}

void SqlEditor::clearErrorMarks()
{
    SendScintilla(SCI_SETINDICATORCURRENT, m_errorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0L, long(length()));
    markerDeleteAll(m_errorMarker);
    m_errorLine = -1;
}

void SqlEditor::toggleComment()
{
    int lineFrom = 0, indexFrom = 0, lineTo = 0, indexTo = 0;
    if (hasSelectedText()) {
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        if (indexTo == 0 && lineTo > lineFrom)
            --lineTo; // a selection ending at column 0 does not include that line
    } else {
        getCursorPosition(&lineFrom, &indexFrom);
        lineTo = lineFrom;
    }
    // Comment all lines unless every non-blank line is already commented.
    bool allCommented = true;
    for (int l = lineFrom; l <= lineTo; ++l) {
        const QString t = text(l).trimmed();
        if (!t.isEmpty() && !t.startsWith(QLatin1String("--")))
            allCommented = false;
    }
    beginUndoAction();
    for (int l = lineFrom; l <= lineTo; ++l) {
        const QString t = text(l);
        if (t.trimmed().isEmpty())
            continue;
        const int indent = int(t.indexOf(t.trimmed().front()));
        if (allCommented) {
            const int len = t.mid(indent).startsWith(QLatin1String("-- ")) ? 3 : 2;
            setSelection(l, indent, l, indent + len);
            removeSelectedText();
        } else {
            insertAt(QStringLiteral("-- "), l, indent);
        }
    }
    endUndoAction();
    if (lineTo > lineFrom)
        setSelection(lineFrom, 0, lineTo, lineLength(lineTo) > 0 ? int(text(lineTo).size()) - 1 : 0);
}

QString SqlEditor::wordBeforeCursor(QString *qualifier) const
{
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    const QString lineText = text(line);
    const QString before = lineText.left(index); // QScintilla's index counts characters
    int start = int(before.size());
    while (start > 0 && isWordChar(before[start - 1]))
        --start;
    const QString word = before.mid(start);
    qualifier->clear();
    if (start > 0 && before[start - 1] == u'.') {
        int q = start - 1;
        while (q > 0 && (isWordChar(before[q - 1]) || before[q - 1] == u'"'))
            --q;
        *qualifier = before.mid(q, start - 1 - q).remove(u'"');
    }
    return word;
}

void SqlEditor::complete()
{
    if (!m_completion)
        return;
    QString qualifier;
    const QString word = wordBeforeCursor(&qualifier);
    QStringList items = m_completion(word, qualifier);
    if (items.isEmpty())
        return;
    items.removeDuplicates();
    std::sort(items.begin(), items.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    const QByteArray list = items.join(u'\x1f').toUtf8();
    SendScintilla(SCI_AUTOCSETSEPARATOR, long('\x1f'));
    SendScintilla(SCI_AUTOCSETIGNORECASE, 1L);
    SendScintilla(SCI_AUTOCSHOW, long(word.toUtf8().size()), list.constData());
}

void SqlEditor::onCharAdded(int ch)
{
    if (!m_completion || isListActive())
        return;
    // Offer names after a dot, or once a word has three characters.
    if (ch == '.') {
        complete();
        return;
    }
    if (ch < 128 && !isWordChar(QChar(ch)))
        return;
    QString qualifier;
    if (wordBeforeCursor(&qualifier).size() >= 3)
        complete();
}

void SqlEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::ControlModifier) {
        complete();
        return;
    }
    if (event->key() == Qt::Key_Slash && event->modifiers() == Qt::ControlModifier) {
        toggleComment();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

bool SqlEditor::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
    return QsciScintilla::event(event);
}

} // namespace tusk::widgets
