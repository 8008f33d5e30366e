#include "explain/xmlplanparser.h"

#include "explain/nodereader_p.h"
#include "explain/pastedplan.h"
#include "explain/xmlnames_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QXmlStreamReader>

namespace tusk::explain {

namespace {

// A plan nests a few elements per node; deeper input is hostile or broken, and the recursion
// must stop well before the stack does.
constexpr int kMaxDepth = 1000;

// Turns EXPLAIN's XML into the JSON EXPLAIN prints for the same plan.
class Converter
{
public:
    explicit Converter(const QString &text)
        : m_xml(text)
    {}

    Result<QJsonObject, ParseError> statement()
    {
        while (!m_xml.atEnd() && m_xml.readNext() != QXmlStreamReader::StartElement) {
        }
        if (m_xml.hasError() || !m_xml.isStartElement())
            return error();
        const QString rootTag = m_xml.name().toString();
        const QJsonValue root = element(propertyNameFromXml(rootTag), 0, false);
        if (m_xml.hasError() || m_depthExceeded)
            return error();
        const QJsonObject object = root.toObject();
        QJsonObject statement;
        if (rootTag == QLatin1String("explain"))
            // EXPLAIN wraps each statement in <Query>; auto_explain writes the statement's
            // properties straight into <explain>.
            statement = object.contains(QLatin1String("Query"))
                            ? object.value(QLatin1String("Query")).toObject()
                            : object;
        else if (rootTag == QLatin1String("Plan"))
            statement = QJsonObject{{QStringLiteral("Plan"), object}};
        else
            statement = object;
        if (!statement.value(QLatin1String("Plan")).isObject())
            return ParseError{
                QCoreApplication::translate("tusk::explain",
                                            "XML without a <Plan> element: not EXPLAIN (FORMAT XML) output"),
                1, 1};
        return statement;
    }

    bool numbersMasked() const { return m_masked; }

private:
    ParseError error() const
    {
        if (m_depthExceeded)
            return ParseError{QCoreApplication::translate("tusk::explain", "nested too deeply"),
                              int(m_xml.lineNumber()), int(m_xml.columnNumber())};
        if (!m_xml.hasError())
            return ParseError{
                QCoreApplication::translate("tusk::explain",
                                            "no XML element found: is this EXPLAIN (FORMAT XML) output?"),
                0, 0};
        return ParseError{
            QCoreApplication::translate("tusk::explain", "not valid XML: %1").arg(m_xml.errorString()),
            int(m_xml.lineNumber()), int(m_xml.columnNumber())};
    }

    // The element the reader is on, read up to its end tag. `property` is its EXPLAIN name;
    // `setting` marks the children of <Settings>, whose names are GUCs and values always text.
    QJsonValue element(const QString &property, int depth, bool setting)
    {
        struct Child
        {
            QString tag;
            QJsonValue value;
        };
        QVector<Child> children;
        QString text;
        const bool childrenAreSettings = !setting && property == QLatin1String("Settings");
        while (!m_xml.atEnd()) {
            const QXmlStreamReader::TokenType token = m_xml.readNext();
            if (token == QXmlStreamReader::StartElement) {
                if (depth >= kMaxDepth) {
                    m_depthExceeded = true;
                    return {};
                }
                const QString tag = m_xml.name().toString();
                const QString name = childrenAreSettings ? tag : propertyNameFromXml(tag);
                children << Child{tag, element(name, depth + 1, childrenAreSettings)};
                if (m_depthExceeded)
                    return {};
            } else if (token == QXmlStreamReader::Characters) {
                text += m_xml.text();
            } else if (token == QXmlStreamReader::EndElement) {
                break;
            }
        }
        if (children.isEmpty()) {
            if (setting)
                return text;
            if (isGroupList(property))
                return QJsonArray();
            if (childrenAreSettings)
                return QJsonObject();
            // EXPLAIN opens groups and lists on a line of their own; an empty property is
            // written as <X></X>, so whitespace with a line break is an empty group.
            if (text.trimmed().isEmpty() && text.contains(QLatin1Char('\n')))
                return QJsonArray();
            return typedXmlText(property, text, &m_masked);
        }
        const bool items = std::all_of(children.cbegin(), children.cend(),
                                       [](const Child &c) { return c.tag == QLatin1String("Item"); });
        if (items) { // <Sort-Key><Item>…</Item></Sort-Key>: a list of text
            QJsonArray array;
            for (const Child &c : children)
                array.append(c.value.isString() ? c.value : QJsonValue(QString()));
            return array;
        }
        const QString first = children.first().tag;
        const bool sameTag =
            std::all_of(children.cbegin(), children.cend(), [&](const Child &c) { return c.tag == first; });
        if (isGroupList(property) || (sameTag && property == propertyNameFromXml(first) + QLatin1Char('s'))) {
            QJsonArray array;
            for (const Child &c : children)
                array.append(c.value);
            return array;
        }
        QJsonObject object;
        for (const Child &c : children) {
            const QString name = childrenAreSettings ? c.tag : propertyNameFromXml(c.tag);
            if (!object.contains(name)) // several <Query>: the first statement, as for JSON
                object.insert(name, c.value);
        }
        return object;
    }

    QXmlStreamReader m_xml;
    bool m_masked = false;
    bool m_depthExceeded = false;
};

} // namespace

Result<Plan, ParseError> XmlPlanParser::parse(const QByteArray &utf8)
{
    return parse(QString::fromUtf8(utf8));
}

Result<Plan, ParseError> XmlPlanParser::parse(const QString &text)
{
    const UnwrappedPlan unwrapped = unwrapPastedPlan(text, MarkupFormat::Xml);
    if (unwrapped.text.trimmed().isEmpty()) {
        if (normaliseLineEnds(text).trimmed().isEmpty())
            return ParseError{QCoreApplication::translate("tusk::explain", "empty input: no plan to read"), 0,
                              0};
        return ParseError{
            QCoreApplication::translate("tusk::explain",
                                        "no <explain> element found: is this EXPLAIN (FORMAT XML) output?"),
            0, 0};
    }
    Converter converter(unwrapped.text);
    const auto statement = converter.statement();
    if (!statement) {
        ParseError error = statement.error();
        unwrapped.mapBack(&error.line, &error.column);
        if (unwrapped.changed && error.line > 0)
            error.message +=
                QCoreApplication::translate("tusk::explain", " (after removing the psql frame around it)");
        return error;
    }
    Plan plan = readStatement(*statement);
    plan.numbersMasked = converter.numbersMasked();
    return plan;
}

} // namespace tusk::explain
