#include "grid/rowfilter.h"

#include "grid/resultrows.h"

namespace tusk::widgets {

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

/// Substring search ignoring ASCII case; `needle` is lower-case ASCII. Non-ASCII bytes of the
/// cell compare as they are — they can never equal an ASCII byte.
bool containsAsciiNoCase(QByteArrayView hay, QByteArrayView needle)
{
    const qsizetype n = needle.size();
    if (hay.size() < n)
        return false;
    const char first = needle[0];
    const char firstUpper = (first >= 'a' && first <= 'z') ? char(first - ('a' - 'A')) : first;
    const char *p = hay.data();
    const char *last = p + (hay.size() - n);
    for (; p <= last; ++p) {
        if (*p != first && *p != firstUpper)
            continue;
        qsizetype k = 1;
        while (k < n && asciiLower(p[k]) == needle[k])
            ++k;
        if (k == n)
            return true;
    }
    return false;
}

bool isAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

} // namespace

RowFilter::RowFilter(const QString &text)
    : m_text(text)
{
    if (isAscii(text))
        m_asciiLower = text.toLower().toLatin1();
}

bool RowFilter::matches(const ResultRows &rows, qint64 row) const
{
    if (m_text.isEmpty())
        return true;
    const ResultRows::Location at = rows.locate(row);
    const int columns = at.chunk->columnCount();
    for (int c = 0; c < columns; ++c) {
        if (at.chunk->isNull(at.row, c))
            continue;
        const QByteArrayView cell = at.chunk->bytes(at.row, c);
        if (!m_asciiLower.isEmpty()) {
            if (containsAsciiNoCase(cell, m_asciiLower))
                return true;
        } else if (QString::fromUtf8(cell.data(), cell.size()).contains(m_text, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

bool RowFilter::collect(const ResultRows &rows, qint64 from, qint64 to, std::vector<quint32> &out,
                        const std::function<bool()> &isCanceled) const
{
    for (qint64 row = from; row < to; ++row) {
        if (matches(rows, row))
            out.push_back(quint32(row));
        if (isCanceled && (row & 0xfff) == 0 && isCanceled())
            return false;
    }
    return true;
}

} // namespace tusk::widgets
