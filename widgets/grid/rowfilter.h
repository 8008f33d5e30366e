#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

namespace tusk::widgets {

class ResultRows;

/// The grid's quick filter: keeps rows where any cell contains the text, case-insensitively.
/// ASCII text (the common case: ids, names, e-mail) is matched on the cells' UTF-8 bytes without
/// making a QString; other text compares Unicode case-folded strings. NULL cells never match —
/// they hold no text, even though the grid paints them as "NULL".
class RowFilter
{
public:
    explicit RowFilter(const QString &text);

    bool isEmpty() const { return m_text.isEmpty(); }
    bool matches(const ResultRows &rows, qint64 row) const;
    /// Appends the matching rows of [from, to) to `out`. Polls `isCanceled` every few thousand
    /// rows and returns false when it answered true.
    bool collect(const ResultRows &rows, qint64 from, qint64 to, std::vector<quint32> &out,
                 const std::function<bool()> &isCanceled = {}) const;

private:
    QString m_text;
    QByteArray m_asciiLower; // the text in lower case when it is ASCII, else empty
};

} // namespace tusk::widgets
