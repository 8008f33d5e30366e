#include "explain/yamlreader_p.h"

#include "explain/nodereader_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tusk::explain {

namespace {

// EXPLAIN nests a few levels per plan node; a deeper document is hostile or broken, and
// recursion must stop well before the stack does.
constexpr int kMaxDepth = 1000;

struct Line
{
    int number = 0; ///< 1-based line in the text.
    int indent = 0; ///< Columns of indentation (0-based column of the content).
    QString text;   ///< Content without indentation and trailing spaces.
};

bool isItem(const QString &text)
{
    return text == QLatin1String("-") || text.startsWith(QLatin1String("- "));
}

class Reader
{
public:
    explicit Reader(const QString &text) { split(text); }

    Result<YamlDocument, ParseError> read()
    {
        if (!m_error && m_lines.isEmpty())
            fail(QCoreApplication::translate("tusk::explain", "empty input: no plan to read"), 0, 0);
        if (m_error)
            return *m_error;
        QJsonValue value = block(0);
        if (!m_error && m_pos < m_lines.size())
            fail(QCoreApplication::translate("tusk::explain",
                                             "unexpected text after the plan (indentation does not match)"),
                 m_lines.at(m_pos).number, m_lines.at(m_pos).indent + 1);
        if (m_error)
            return *m_error;
        return YamlDocument{value, m_masked};
    }

private:
    void split(const QString &text)
    {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            QString s = lines.at(i);
            while (!s.isEmpty() && s.back().isSpace())
                s.chop(1);
            int indent = 0;
            while (indent < s.size() && s.at(indent) == QLatin1Char(' '))
                ++indent;
            if (indent == s.size())
                continue; // blank
            if (s.at(indent) == QLatin1Char('\t')) {
                fail(QCoreApplication::translate("tusk::explain",
                                                 "a tab in the indentation (YAML indents with spaces only)"),
                     i + 1, indent + 1);
                return;
            }
            const QString content = s.mid(indent);
            if (content.startsWith(QLatin1Char('#')) || content == QLatin1String("---") ||
                content == QLatin1String("..."))
                continue;
            m_lines << Line{i + 1, indent, content};
        }
    }

    void fail(const QString &message, int line, int column)
    {
        if (!m_error)
            m_error = ParseError{message, line, column};
    }

    bool tooDeep(int depth, int line, int column)
    {
        if (depth <= kMaxDepth)
            return false;
        fail(QCoreApplication::translate("tusk::explain", "nested too deeply"), line, column);
        return true;
    }

    // The block starting at the current line: a sequence or a mapping at its indentation.
    QJsonValue block(int depth)
    {
        const Line &l = m_lines.at(m_pos);
        if (tooDeep(depth, l.number, l.indent + 1))
            return {};
        return isItem(l.text) ? sequence(l.indent, depth) : mapping(l.indent, depth);
    }

    // What a "key:" or "-" with nothing after it holds: a deeper block, a sequence at the key's
    // own indentation ("key:\n- item", allowed by YAML), or nothing — an empty group.
    QJsonValue nested(int indent, int depth, const QString &key, bool sameIndentSequence)
    {
        if (m_pos < m_lines.size()) {
            const Line &next = m_lines.at(m_pos);
            if (next.indent > indent)
                return block(depth + 1);
            if (sameIndentSequence && next.indent == indent && isItem(next.text))
                return sequence(indent, depth + 1);
        }
        // EXPLAIN prints empty groups as "Triggers:" / "Settings:" — lists in JSON, except
        // the settings, which are an object.
        if (key == QLatin1String("Settings"))
            return QJsonObject();
        return QJsonArray();
    }

    QJsonValue sequence(int indent, int depth)
    {
        QJsonArray array;
        while (!m_error && m_pos < m_lines.size() && m_lines.at(m_pos).indent == indent &&
               isItem(m_lines.at(m_pos).text)) {
            Line &l = m_lines[m_pos];
            qsizetype spaces = 1;
            while (spaces < l.text.size() && l.text.at(spaces) == QLatin1Char(' '))
                ++spaces;
            const QString rest = l.text.mid(spaces);
            const int inner = indent + int(spaces);
            if (rest.isEmpty()) {
                ++m_pos;
                array.append(nested(indent, depth, QString(), false));
            } else if (isItem(rest) || keyEnd(rest) >= 0) {
                // "- key: value" opens a mapping (or "- - x" a sequence) at the item's column.
                l.indent = inner;
                l.text = rest;
                array.append(block(depth + 1));
            } else {
                array.append(scalar(rest, l.number, inner, depth));
                ++m_pos;
            }
        }
        checkNoDeeperLine(indent);
        return array;
    }

    QJsonValue mapping(int indent, int depth)
    {
        QJsonObject object;
        while (!m_error && m_pos < m_lines.size() && m_lines.at(m_pos).indent == indent) {
            const Line l = m_lines.at(m_pos);
            if (isItem(l.text)) {
                fail(QCoreApplication::translate("tusk::explain",
                                                 "a list item where \"key: value\" was expected"),
                     l.number, indent + 1);
                break;
            }
            const qsizetype colon = keyEnd(l.text);
            if (colon < 0) {
                fail(QCoreApplication::translate("tusk::explain", "expected \"key: value\""), l.number,
                     indent + 1);
                break;
            }
            QString key = l.text.left(colon).trimmed();
            if (key.size() >= 2 && key.startsWith(QLatin1Char('"')))
                key = key.mid(1, key.size() - 2);
            qsizetype valueAt = colon + 1;
            while (valueAt < l.text.size() && l.text.at(valueAt) == QLatin1Char(' '))
                ++valueAt;
            ++m_pos;
            const QJsonValue value = valueAt >= l.text.size() ? nested(indent, depth, key, true)
                                                              : scalar(l.text.mid(valueAt), l.number,
                                                                       indent + int(valueAt), depth);
            object.insert(key, value);
        }
        checkNoDeeperLine(indent);
        return object;
    }

    void checkNoDeeperLine(int indent)
    {
        if (!m_error && m_pos < m_lines.size() && m_lines.at(m_pos).indent > indent)
            fail(QCoreApplication::translate("tusk::explain", "unexpected indentation"),
                 m_lines.at(m_pos).number, m_lines.at(m_pos).indent + 1);
    }

    // Position of the ':' that ends a mapping key ("key: value", "key:"), or -1.
    static qsizetype keyEnd(const QString &text)
    {
        qsizetype from = 0;
        if (text.startsWith(QLatin1Char('"'))) {
            from = text.indexOf(QLatin1Char('"'), 1);
            if (from < 0)
                return -1;
        } else if (text.startsWith(QLatin1Char('\'')) || text.startsWith(QLatin1Char('[')) ||
                   text.startsWith(QLatin1Char('{'))) {
            return -1;
        }
        for (qsizetype i = from; i < text.size(); ++i) {
            if (text.at(i) == QLatin1Char(':') &&
                (i + 1 == text.size() || text.at(i + 1) == QLatin1Char(' ')))
                return i;
        }
        return -1;
    }

    // An inline value starting at 0-based `column` of line `line`.
    QJsonValue scalar(const QString &text, int line, int column, int depth)
    {
        qsizetype pos = 0;
        const QJsonValue v = inlineValue(text, &pos, line, column, depth, false);
        while (!m_error && pos < text.size() && text.at(pos) == QLatin1Char(' '))
            ++pos;
        if (!m_error && pos < text.size() && text.at(pos) != QLatin1Char('#'))
            fail(QCoreApplication::translate("tusk::explain", "unexpected text after the value"), line,
                 column + int(pos) + 1);
        return v;
    }

    QJsonValue inlineValue(const QString &text, qsizetype *pos, int line, int column, int depth, bool inFlow)
    {
        if (tooDeep(depth, line, column + int(*pos) + 1))
            return {};
        const QChar c = *pos < text.size() ? text.at(*pos) : QChar();
        if (c == QLatin1Char('"'))
            return doubleQuoted(text, pos, line, column);
        if (c == QLatin1Char('\''))
            return singleQuoted(text, pos, line, column);
        if (c == QLatin1Char('['))
            return flowSequence(text, pos, line, column, depth);
        if (c == QLatin1Char('{')) {
            if (text.mid(*pos, 2) == QLatin1String("{}")) {
                *pos += 2;
                return QJsonObject();
            }
            fail(QCoreApplication::translate("tusk::explain",
                                             "flow mappings ({…}) are not part of EXPLAIN's YAML"),
                 line, column + int(*pos) + 1);
            return {};
        }
        qsizetype end = *pos;
        while (end < text.size() &&
               !(inFlow && (text.at(end) == QLatin1Char(',') || text.at(end) == QLatin1Char(']'))))
            ++end;
        const QString plain = text.mid(*pos, end - *pos).trimmed();
        *pos = end;
        return typedPlain(plain);
    }

    QJsonValue typedPlain(const QString &t)
    {
        if (t == QLatin1String("null") || t == QLatin1String("~"))
            return QJsonValue::Null;
        return typedPlanScalar(t, &m_masked);
    }

    QJsonValue doubleQuoted(const QString &text, qsizetype *pos, int line, int column)
    {
        QString out;
        qsizetype i = *pos + 1;
        for (; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('"')) {
                *pos = i + 1;
                return out;
            }
            if (c != QLatin1Char('\\')) {
                out += c;
                continue;
            }
            if (++i >= text.size())
                break;
            const QChar e = text.at(i);
            switch (e.unicode()) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'b':
                out += QLatin1Char('\b');
                break;
            case 'f':
                out += QLatin1Char('\f');
                break;
            case 'n':
                out += QLatin1Char('\n');
                break;
            case 'r':
                out += QLatin1Char('\r');
                break;
            case 't':
                out += QLatin1Char('\t');
                break;
            case 'u': {
                bool ok = false;
                const ushort code = text.mid(i + 1, 4).toUShort(&ok, 16);
                if (!ok || i + 4 >= text.size()) {
                    fail(QCoreApplication::translate("tusk::explain", "bad \\u escape"), line,
                         column + int(i));
                    return {};
                }
                out += QChar(code); // surrogate pairs arrive as two escapes and pair up in the QString
                i += 4;
                break;
            }
            default:
                fail(QCoreApplication::translate("tusk::explain", "unknown escape \\%1").arg(e), line,
                     column + int(i));
                return {};
            }
        }
        fail(QCoreApplication::translate("tusk::explain", "unterminated quoted string"), line,
             column + int(*pos) + 1);
        return {};
    }

    QJsonValue singleQuoted(const QString &text, qsizetype *pos, int line, int column)
    {
        QString out;
        for (qsizetype i = *pos + 1; i < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('\'')) {
                out += text.at(i);
            } else if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\'')) {
                out += QLatin1Char('\'');
                ++i;
            } else {
                *pos = i + 1;
                return out;
            }
        }
        fail(QCoreApplication::translate("tusk::explain", "unterminated quoted string"), line,
             column + int(*pos) + 1);
        return {};
    }

    // ["a", "b"]: how EXPLAIN writes a list inside a list (grouping sets' keys).
    QJsonValue flowSequence(const QString &text, qsizetype *pos, int line, int column, int depth)
    {
        QJsonArray array;
        qsizetype i = *pos + 1;
        auto skipSpaces = [&] {
            while (i < text.size() && text.at(i) == QLatin1Char(' '))
                ++i;
        };
        skipSpaces();
        if (i < text.size() && text.at(i) == QLatin1Char(']')) {
            *pos = i + 1;
            return array;
        }
        while (!m_error) {
            skipSpaces();
            array.append(inlineValue(text, &i, line, column, depth + 1, true));
            skipSpaces();
            if (m_error)
                break;
            if (i < text.size() && text.at(i) == QLatin1Char(',')) {
                ++i;
                continue;
            }
            if (i < text.size() && text.at(i) == QLatin1Char(']')) {
                *pos = i + 1;
                return array;
            }
            fail(QCoreApplication::translate("tusk::explain", "expected ',' or ']' in a [ … ] list"), line,
                 column + int(i) + 1);
        }
        return {};
    }

    QVector<Line> m_lines;
    qsizetype m_pos = 0;
    bool m_masked = false;
    std::optional<ParseError> m_error;
};

} // namespace

Result<YamlDocument, ParseError> readExplainYaml(const QString &text)
{
    return Reader(text).read();
}

} // namespace tusk::explain
