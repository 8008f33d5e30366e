#include "monitor/statementtexts.h"

#include "pg/rowset.h"

namespace tusk::monitor {

namespace {
const QLatin1String kFamilyPrefix("pg_stat_statements_");
const QLatin1String kQueryIdLabel("queryid");
// Forgetting everything past this many keeps the set bounded on a server whose statements
// never repeat (pg_stat_statements.max is 5,000 by default).
constexpr qsizetype kMaxKnown = 100'000;
} // namespace

void StatementTexts::noteSeen(const QList<MetricValue> &values)
{
    for (const MetricValue &v : values) {
        if (!v.name.startsWith(kFamilyPrefix))
            continue;
        for (const auto &[name, value] : v.labels) {
            if (name != kQueryIdLabel || value.isEmpty() || m_known.contains(value))
                continue;
            m_known.insert(value);
            m_wanted.append(value);
        }
    }
    if (m_known.size() > kMaxKnown) {
        m_known.clear();
        m_wanted.clear();
    }
}

std::optional<pg::Statement> StatementTexts::nextFetch()
{
    if (m_wanted.isEmpty() || !m_asked.isEmpty())
        return std::nullopt; // nothing wanted, or the last fetch has not answered
    m_asked = m_wanted.mid(0, kMaxPerFetch);
    m_wanted.remove(0, m_asked.size());
    // The queryids go as one bigint[] parameter: no SQL is built from them.
    const QString array = u'{' + m_asked.join(u',') + u'}';
    return pg::Statement{QStringLiteral("SELECT DISTINCT ON (queryid) queryid::text AS queryid, query "
                                        "FROM pg_stat_statements(true) WHERE queryid = ANY ($1::bigint[])"),
                         {array}};
}

QHash<QString, QString> StatementTexts::read(const pg::RowSet &rows)
{
    QHash<QString, QString> out;
    const int id = rows.column(u"queryid");
    const int query = rows.column(u"query");
    if (id >= 0 && query >= 0) {
        for (int r = 0; r < rows.rowCount(); ++r)
            out.insert(rows.text(r, id), rows.text(r, query));
    }
    m_asked.clear();
    return out;
}

void StatementTexts::failed()
{
    m_asked.clear();
}

void StatementTexts::reset()
{
    m_known.clear();
    m_wanted.clear();
    m_asked.clear();
}

} // namespace tusk::monitor
