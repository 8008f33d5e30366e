#pragma once

#include <Qsci/qscilexersql.h>

#include <QByteArray>
#include <QStringList>

namespace tusk::widgets {

/// Scintilla's SQL lexer, fed with PostgreSQL's keywords (the server's own list from
/// pg_get_keywords() once connected) and coloured for Tusk's light or dark palette.
class PostgresLexer : public QsciLexerSQL
{
    Q_OBJECT
public:
    explicit PostgresLexer(QObject *parent = nullptr);

    const char *keywords(int set) const override;
    /// Replaces the keyword list (lower-case words). Takes effect on the next restyle.
    void setKeywords(const QStringList &words);
    /// Colours for the current application palette (light or dark).
    void applyPalette(const QPalette &palette, const QFont &font);

    static QStringList defaultKeywords();

private:
    QByteArray m_keywords;
    QByteArray m_types;
};

} // namespace tusk::widgets
