#pragma once

#include "monitor/metric.h"
#include "pg/request.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <optional>

namespace tusk::pg {
class RowSet;
}

namespace tusk::monitor {

/// The texts of pg_stat_statements' entries, fetched once per queryid. The statements probe
/// reads pg_stat_statements(false), without texts: with them the server reads its whole
/// query-text file on every call (all 5,000 entries' texts, however few are wanted). So texts
/// come in a statement of their own, added to the sampler's next batch only when the probe
/// brought queryids not seen before, for those queryids only.
class StatementTexts
{
public:
    /// At most this many texts per fetch; the rest follow on the next ticks.
    static constexpr int kMaxPerFetch = 100;

    /// Notes the queryids of a sample's pg_stat_statements values.
    void noteSeen(const QList<MetricValue> &values);
    /// The statement to add to the next batch, if any text is wanted.
    std::optional<pg::Statement> nextFetch();
    /// The answer to nextFetch(): queryid → text. A queryid asked for but not in the answer (the
    /// entry was evicted meanwhile) is not asked for again.
    QHash<QString, QString> read(const pg::RowSet &rows);
    /// The fetch failed: its queryids are not asked for again (no retry loop on every tick).
    void failed();
    /// Another server (or a restart): every queryid is new again.
    void reset();

private:
    QSet<QString> m_known; ///< fetched, or asked for
    QStringList m_wanted;
    QStringList m_asked;
};

} // namespace tusk::monitor
