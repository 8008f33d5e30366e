#include "tools/linesplitter.h"

#include <algorithm>
#include <utility>

namespace tusk::tools {

LineSplitter::LineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(std::max<qsizetype>(1, maxLineBytes))
{}

bool LineSplitter::append(QByteArrayView piece, const Sink &sink)
{
    while (m_partial.size() + piece.size() > m_maxLineBytes) {
        const qsizetype take = m_maxLineBytes - m_partial.size();
        m_partial.append(piece.first(take));
        piece = piece.sliced(take);
        const QByteArray full = std::exchange(m_partial, {});
        if (!sink(full))
            return false;
    }
    m_partial.append(piece);
    return true;
}

bool LineSplitter::feed(QByteArrayView data, const Sink &sink)
{
    qsizetype i = 0;
    const qsizetype n = data.size();
    if (m_afterCr && n > 0) {
        m_afterCr = false;
        if (data[0] == '\n')
            i = 1;
    }
    const char *bytes = data.data();
    while (i < n) {
        const char *end = std::find_if(bytes + i, bytes + n, [](char c) { return c == '\n' || c == '\r'; });
        const qsizetype j = end - bytes;
        if (j == n)
            return append(data.sliced(i), sink);
        const QByteArrayView piece = data.sliced(i, j - i);
        if (m_partial.isEmpty() && piece.size() <= m_maxLineBytes) {
            // The common case: a whole line inside one read, delivered without a copy.
            if (!sink(piece))
                return false;
        } else {
            if (!append(piece, sink))
                return false;
            const QByteArray line = std::exchange(m_partial, {});
            if (!sink(line))
                return false;
        }
        i = j + 1;
        if (bytes[j] == '\r') {
            if (i == n)
                m_afterCr = true;
            else if (bytes[i] == '\n')
                ++i;
        }
    }
    return true;
}

bool LineSplitter::finish(const Sink &sink)
{
    m_afterCr = false;
    if (m_partial.isEmpty())
        return true;
    const QByteArray line = std::exchange(m_partial, {});
    return sink(line);
}

} // namespace tusk::tools
