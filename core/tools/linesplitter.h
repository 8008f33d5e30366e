#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace tusk::tools {

/// Splits a byte stream into lines as it arrives, whatever the read boundaries: `\n`, `\r\n` and
/// a lone `\r` (pg_basebackup's progress) end a line. Only the unfinished line is kept, and never
/// more than maxLineBytes of it: a longer line is delivered in pieces of that size.
/// @code
/// LineSplitter split;
/// split.feed(chunk, [&](QByteArrayView line) { handle(line); return true; });
/// split.finish(sink); // the last line when the stream did not end with a newline
/// @endcode
class LineSplitter
{
public:
    /// Gets each line without its terminator; returns false to stop at once (the splitter may be
    /// gone then, e.g. when the sink destroyed its owner).
    using Sink = std::function<bool(QByteArrayView line)>;

    explicit LineSplitter(qsizetype maxLineBytes = 1024 * 1024);

    /// False when the sink stopped it.
    bool feed(QByteArrayView data, const Sink &sink);
    /// Delivers the unfinished line, if any.
    bool finish(const Sink &sink);
    /// Bytes of the unfinished line held (at most maxLineBytes()).
    qsizetype pendingBytes() const { return m_partial.size(); }
    qsizetype maxLineBytes() const { return m_maxLineBytes; }

private:
    bool append(QByteArrayView piece, const Sink &sink);

    QByteArray m_partial;
    qsizetype m_maxLineBytes;
    bool m_afterCr = false; ///< the last byte seen was a `\r`: a `\n` next belongs to it
};

} // namespace tusk::tools
