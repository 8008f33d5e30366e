#include "sql/splitter.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>

namespace tusk::sql {
namespace {

enum CharFlag : std::uint8_t {
    Space = 1,      // PostgreSQL whitespace: space \t \n \r \f \v
    IdentStart = 2, // letter, '_', byte >= 0x80
    IdentCont = 4,  // IdentStart, digit, '$'
    DolqCont = 8,   // IdentStart, digit (dollar-quote tag characters)
    Digit = 16,
};

constexpr std::array<std::uint8_t, 256> makeCharTable()
{
    std::array<std::uint8_t, 256> table{};
    for (int c = 0; c < 256; ++c) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        const bool start = letter || c == '_' || c >= 0x80;
        std::uint8_t flags = 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            flags |= Space;
        if (start)
            flags |= IdentStart;
        if (start || digit || c == '$')
            flags |= IdentCont;
        if (start || digit)
            flags |= DolqCont;
        if (digit)
            flags |= Digit;
        table[static_cast<std::size_t>(c)] = flags;
    }
    return table;
}

constexpr std::array<std::uint8_t, 256> kChars = makeCharTable();

inline bool has(unsigned char c, CharFlag flag)
{
    return (kChars[c] & flag) != 0;
}

inline bool isAsciiLetter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// Case-insensitive comparison with a lower-case ASCII keyword.
inline bool isKeyword(std::string_view word, std::string_view keyword)
{
    if (word.size() != keyword.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if ((static_cast<unsigned char>(word[i]) | 0x20) != static_cast<unsigned char>(keyword[i]))
            return false;
    }
    return true;
}

// psql commands that send the current query buffer.
bool sendsQueryBuffer(std::string_view command)
{
    return command == "g" || command == "gx" || command == "gset" || command == "gexec" ||
           command == "gdesc" || command == "crosstabview" || command == "watch";
}

class Splitter
{
public:
    explicit Splitter(std::string_view script)
        : m_data(script.data())
        , m_size(script.size())
    {}

    std::vector<Statement> run();

private:
    // Recognition of CREATE [OR REPLACE] FUNCTION|PROCEDURE at the start of a statement.
    enum class Header : std::uint8_t { Start, AfterCreate, AfterOr, AfterReplace, Routine, Other };

    unsigned char at(std::size_t i) const { return static_cast<unsigned char>(m_data[i]); }

    std::size_t findChar(std::size_t from, char c) const
    {
        if (from >= m_size)
            return m_size;
        const void *hit = std::memchr(m_data + from, c, m_size - from);
        return hit ? static_cast<std::size_t>(static_cast<const char *>(hit) - m_data) : m_size;
    }

    std::size_t skipQuoted(std::size_t from, char quote) const;
    std::size_t skipEscapeString(std::size_t from) const;
    std::size_t skipBlockComment(std::size_t from, bool &closed) const;
    std::size_t skipDollar(std::size_t i);
    std::size_t skipWord(std::size_t i);
    std::size_t handleBackslash(std::size_t i);
    std::size_t trimmedLineEnd(std::size_t from, std::size_t lineEnd) const;

    void startStatement(std::size_t pos)
    {
        if (m_inStatement)
            return;
        m_inStatement = true;
        m_begin = pos;
        m_parenDepth = 0;
        m_atomicDepth = 0;
        m_header = Header::Start;
        m_pendingBegin = false;
    }

    void otherToken()
    {
        if (m_header != Header::Routine)
            m_header = Header::Other;
        m_pendingBegin = false;
    }

    void identifier(std::string_view word);
    void finishStatement(std::size_t end, bool terminated);
    void push(Statement::Kind kind, std::size_t begin, std::size_t end, bool terminated);

    const char *m_data;
    std::size_t m_size;
    std::vector<Statement> m_out;

    // Statement in progress.
    bool m_inStatement = false;
    std::size_t m_begin = 0;
    std::size_t m_lastSignificant = 0; // one past the last significant token
    int m_parenDepth = 0;
    int m_atomicDepth = 0; // > 0 inside BEGIN ATOMIC ... END (counts nested BEGIN/CASE)
    Header m_header = Header::Start;
    bool m_pendingBegin = false; // last token was BEGIN in a routine header/body, ATOMIC may follow

    // Lazy line/column computation (statement begins are increasing).
    std::size_t m_locPos = 0;
    std::size_t m_locLineStart = 0;
    int m_locLine = 1;
};

std::size_t Splitter::skipQuoted(std::size_t from, char quote) const
{
    for (;;) {
        const std::size_t hit = findChar(from, quote);
        if (hit >= m_size)
            return m_size;
        from = hit + 1;
        if (from < m_size && m_data[from] == quote) {
            ++from; // doubled quote
            continue;
        }
        return from;
    }
}

std::size_t Splitter::skipEscapeString(std::size_t from) const
{
    while (from < m_size) {
        const char c = m_data[from];
        if (c == '\\') {
            from += 2;
        } else if (c == '\'') {
            if (from + 1 < m_size && m_data[from + 1] == '\'')
                from += 2;
            else
                return from + 1;
        } else {
            ++from;
        }
    }
    return m_size;
}

std::size_t Splitter::skipBlockComment(std::size_t from, bool &closed) const
{
    int depth = 1;
    while (from + 1 < m_size) {
        const char c = m_data[from];
        if (c == '*' && m_data[from + 1] == '/') {
            from += 2;
            if (--depth == 0) {
                closed = true;
                return from;
            }
        } else if (c == '/' && m_data[from + 1] == '*') {
            from += 2;
            ++depth;
        } else {
            ++from;
        }
    }
    closed = false;
    return m_size;
}

// At a '$' that does not continue an identifier: a parameter, a dollar quote or a plain character.
std::size_t Splitter::skipDollar(std::size_t i)
{
    std::size_t j = i + 1;
    if (j < m_size && has(at(j), Digit)) { // $1
        while (j < m_size && has(at(j), Digit))
            ++j;
        return j;
    }
    if (j < m_size && has(at(j), IdentStart)) {
        while (j < m_size && has(at(j), DolqCont))
            ++j;
    }
    if (j >= m_size || m_data[j] != '$')
        return i + 1; // not a dollar quote: a lone '$'
    const std::string_view delimiter(m_data + i, j + 1 - i);
    const std::size_t close = std::string_view(m_data, m_size).find(delimiter, j + 1);
    return close == std::string_view::npos ? m_size : close + delimiter.size();
}

// At an identifier start: an identifier/keyword or a prefixed string (E'', B'', X'', N'', U&'', U&"").
std::size_t Splitter::skipWord(std::size_t i)
{
    std::size_t j = i + 1;
    while (j < m_size && has(at(j), IdentCont))
        ++j;
    if (j - i == 1 && j < m_size) {
        const unsigned char prefix = at(i) | 0x20;
        const char next = m_data[j];
        if (next == '\'') {
            if (prefix == 'e') {
                otherToken();
                return skipEscapeString(j + 1);
            }
            if (prefix == 'b' || prefix == 'x' || prefix == 'n') {
                otherToken();
                return skipQuoted(j + 1, '\'');
            }
        } else if (next == '&' && prefix == 'u' && j + 1 < m_size &&
                   (m_data[j + 1] == '\'' || m_data[j + 1] == '"')) {
            otherToken();
            return skipQuoted(j + 2, m_data[j + 1]);
        }
    }
    identifier(std::string_view(m_data + i, j - i));
    return j;
}

void Splitter::identifier(std::string_view word)
{
    switch (m_header) {
    case Header::Start:
        m_header = isKeyword(word, "create") ? Header::AfterCreate : Header::Other;
        return;
    case Header::AfterCreate:
        if (isKeyword(word, "or"))
            m_header = Header::AfterOr;
        else if (isKeyword(word, "function") || isKeyword(word, "procedure"))
            m_header = Header::Routine;
        else
            m_header = Header::Other;
        return;
    case Header::AfterOr:
        m_header = isKeyword(word, "replace") ? Header::AfterReplace : Header::Other;
        return;
    case Header::AfterReplace:
        m_header =
            isKeyword(word, "function") || isKeyword(word, "procedure") ? Header::Routine : Header::Other;
        return;
    case Header::Other:
        return;
    case Header::Routine:
        break;
    }

    if (m_atomicDepth > 0) {
        if (isKeyword(word, "begin") || isKeyword(word, "case"))
            ++m_atomicDepth;
        else if (isKeyword(word, "end"))
            --m_atomicDepth;
        return;
    }
    if (m_pendingBegin && isKeyword(word, "atomic")) {
        m_pendingBegin = false;
        m_atomicDepth = 1;
        return;
    }
    m_pendingBegin = m_parenDepth == 0 && isKeyword(word, "begin");
}

std::size_t Splitter::trimmedLineEnd(std::size_t from, std::size_t lineEnd) const
{
    while (lineEnd > from && has(at(lineEnd - 1), Space))
        --lineEnd;
    return lineEnd;
}

std::size_t Splitter::handleBackslash(std::size_t i)
{
    if (m_inStatement) {
        if (i + 1 < m_size && (m_data[i + 1] == ';' || m_data[i + 1] == ':')) {
            otherToken(); // psql: "\;" and "\:" are a literal ';' / ':' in the query
            m_lastSignificant = i + 2;
            return i + 2;
        }
        std::size_t k = i + 1;
        while (k < m_size && isAsciiLetter(at(k)))
            ++k;
        if (!sendsQueryBuffer(std::string_view(m_data + i + 1, k - i - 1))) {
            // psql runs it and keeps the query buffer; it stays inside this statement's range.
            return findChar(i, '\n');
        }
        finishStatement(m_lastSignificant, true);
    }
    const std::size_t lineEnd = findChar(i, '\n');
    push(Statement::Kind::PsqlMeta, i, trimmedLineEnd(i + 1, lineEnd), true);
    return lineEnd;
}

void Splitter::push(Statement::Kind kind, std::size_t begin, std::size_t end, bool terminated)
{
    // Advance the line counter to `begin`.
    while (m_locPos < begin) {
        const void *nl = std::memchr(m_data + m_locPos, '\n', begin - m_locPos);
        if (!nl)
            break;
        m_locPos = static_cast<std::size_t>(static_cast<const char *>(nl) - m_data) + 1;
        m_locLineStart = m_locPos;
        ++m_locLine;
    }
    m_locPos = begin;

    Statement statement;
    statement.kind = kind;
    statement.begin = begin;
    statement.end = end;
    statement.line = m_locLine;
    statement.column = static_cast<int>(begin - m_locLineStart) + 1;
    statement.terminated = terminated;
    m_out.push_back(statement);
}

void Splitter::finishStatement(std::size_t end, bool terminated)
{
    push(Statement::Kind::Sql, m_begin, end, terminated);
    m_inStatement = false;
}

std::vector<Statement> Splitter::run()
{
    // Typical scripts average well over 100 bytes per statement; growing past this is still fine.
    m_out.reserve(m_size / 128 + 8);
    std::size_t i = 0;
    while (i < m_size) {
        const unsigned char c = at(i);
        if (has(c, Space)) {
            ++i;
            continue;
        }

        std::size_t next = i + 1;
        switch (c) {
        case '-':
            if (next < m_size && m_data[next] == '-') {
                i = findChar(next, '\n');
                continue;
            }
            startStatement(i);
            otherToken();
            break;
        case '/':
            if (next < m_size && m_data[next] == '*') {
                const bool hint = next + 1 < m_size && m_data[next + 1] == '+';
                bool closed = false;
                next = skipBlockComment(next + 1, closed);
                if (!closed || (hint && !m_inStatement)) {
                    // An optimizer hint starts its statement; an unterminated comment is an error
                    // the server must see, so it is significant too.
                    startStatement(i);
                    m_lastSignificant = next;
                }
                i = next;
                continue;
            }
            startStatement(i);
            otherToken();
            break;
        case ';':
            if (!m_inStatement) { // empty statement
                ++i;
                continue;
            }
            if (m_parenDepth == 0 && m_atomicDepth == 0) {
                finishStatement(next, true);
                i = next;
                continue;
            }
            otherToken();
            break;
        case '\\':
            i = handleBackslash(i);
            continue;
        case '\'':
            startStatement(i);
            otherToken();
            next = skipQuoted(next, '\'');
            break;
        case '"':
            startStatement(i);
            otherToken();
            next = skipQuoted(next, '"');
            break;
        case '$':
            startStatement(i);
            otherToken();
            next = skipDollar(i);
            break;
        case '(':
            startStatement(i);
            otherToken();
            ++m_parenDepth;
            break;
        case ')':
            startStatement(i);
            otherToken();
            if (m_parenDepth > 0)
                --m_parenDepth;
            break;
        default:
            startStatement(i);
            if (has(c, IdentStart)) {
                next = skipWord(i);
            } else {
                otherToken();
                if (has(c, Digit)) {
                    while (next < m_size && has(at(next), DolqCont))
                        ++next;
                }
            }
            break;
        }
        m_lastSignificant = next;
        i = next;
    }
    if (m_inStatement)
        finishStatement(m_lastSignificant, false);
    return std::move(m_out);
}

} // namespace

std::vector<Statement> splitStatements(std::string_view script)
{
    return Splitter(script).run();
}

int statementAt(const std::vector<Statement> &statements, std::size_t cursor)
{
    const auto after = std::upper_bound(statements.begin(), statements.end(), cursor,
                                        [](std::size_t pos, const Statement &s) { return pos < s.begin; });
    if (after == statements.begin())
        return -1;
    return static_cast<int>(std::distance(statements.begin(), after)) - 1;
}

} // namespace tusk::sql
