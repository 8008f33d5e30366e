#include "sql/completioncatalog.h"

#include "pg/session.h"
#include "sql/completionindex.h"

#include <QCoreApplication>
#include <QPointer>
#include <QRegularExpression>
#include <QThreadPool>

namespace tusk::sql {

namespace {
// One round trip for everything; system schemas only for functions (count, now, ...).
const char kCatalogQuery[] = R"SQL(
SELECT 'k', '', word, '' FROM pg_catalog.pg_get_keywords()
UNION ALL
SELECT 's', nspname, '', '' FROM pg_catalog.pg_namespace
 WHERE nspname !~ '^pg_(toast|temp_|toast_temp_)'
UNION ALL
SELECT 'r', n.nspname, c.relname, '' FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
UNION ALL
SELECT 'c', n.nspname, c.relname, a.attname FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
UNION ALL
SELECT DISTINCT 'f', n.nspname, p.proname, '' FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname <> 'information_schema' AND p.proname !~ '^_'
LIMIT 2000000
)SQL";

} // namespace

CompletionCatalog::CompletionCatalog(QObject *parent)
    : QObject(parent)
{}

void CompletionCatalog::load(pg::Session *session)
{
    m_loaded = false;
    m_index.reset();
    m_chunks.clear();
    ++m_loads;
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_generation = session->execute(QString::fromUtf8(kCatalogQuery));
    // Chunks are kept as they come (shared, no copy); all the work on them is done off this thread.
    m_connections << connect(session, &pg::Session::rowsArrived, this,
                             [this](quint64 gen, int, const pg::ResultChunk &chunk) {
                                 if (gen == m_generation)
                                     m_chunks << chunk;
                             });
    m_connections << connect(session, &pg::Session::finished, this, [this](quint64 gen) {
        if (gen == m_generation)
            buildIndex();
    });
    m_connections << connect(session, &pg::Session::failed, this, [this](quint64 gen, const pg::Error &e) {
        if (gen == m_generation) {
            m_chunks.clear();
            emit failed(e);
        }
    });
}

void CompletionCatalog::buildIndex()
{
    QPointer<CompletionCatalog> self(this);
    QThreadPool::globalInstance()->start([self, chunks = std::exchange(m_chunks, {}), load = m_loads] {
        auto index = std::make_shared<CompletionIndex>();
        for (const pg::ResultChunk &chunk : chunks) {
            for (int r = 0; r < chunk.rowCount(); ++r) {
                const QString kind = chunk.text(r, 0);
                index->addRow(kind.isEmpty() ? QChar(u' ') : kind.front(), chunk.text(r, 1), chunk.text(r, 2),
                              chunk.text(r, 3));
            }
        }
        index->finalize();
        // Back on the application's thread, where `self` may be checked safely.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, index, load] {
                if (!self || load != self->m_loads)
                    return; // the catalog is gone, or loading again
                self->m_index = index;
                self->m_loaded = true;
                emit self->loaded();
            },
            Qt::QueuedConnection);
    });
}

QStringList CompletionCatalog::keywords() const
{
    return m_index ? m_index->keywords() : QStringList();
}

QString CompletionCatalog::resolveAlias(const QString &statement, const QString &alias, QString *schema)
{
    // FROM / JOIN [schema.]relation [AS] alias — enough for the completion of alias.column.
    static const QRegularExpression re(
        QStringLiteral(
            R"RE((?:from|join|update|into)\s+(?:"?([\w$]+)"?\.)?"?([\w$]+)"?(?:\s+(?:as\s+)?(?!(?:join|on|where|left|right|inner|outer|full|cross|natural|group|order|limit|using|set|values|lateral|union|except|intersect|window|having)\b)"?([\w$]+)"?)?)RE"),
        QRegularExpression::CaseInsensitiveOption);
    auto it = re.globalMatch(statement);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString rel = m.captured(2);
        const QString a = m.captured(3);
        if (a.compare(alias, Qt::CaseInsensitive) == 0 || rel.compare(alias, Qt::CaseInsensitive) == 0) {
            if (schema)
                *schema = m.captured(1);
            return rel;
        }
    }
    return {};
}

QStringList CompletionCatalog::complete(const QString &prefix, const QString &qualifier,
                                        const QString &statement) const
{
    return m_index ? m_index->complete(prefix, qualifier, statement) : QStringList();
}

} // namespace tusk::sql
