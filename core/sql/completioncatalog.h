#pragma once

#include "pg/resultchunk.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace tusk::pg {
class Session;
struct Error;
} // namespace tusk::pg

namespace tusk::sql {

class CompletionIndex;

/// Names for the editor's autocompletion: keywords (the server's pg_get_keywords()), schemas,
/// tables/views, their columns and functions. Loaded once per connection with one background
/// query; the rows are indexed on a pool thread (CompletionIndex), and complete() answers from
/// that index at once, so typing never waits — not for the server, not for the indexing.
class CompletionCatalog : public QObject
{
    Q_OBJECT
public:
    explicit CompletionCatalog(QObject *parent = nullptr);

    /// Starts loading through `session` (connected); emits loaded() or failed().
    void load(pg::Session *session);
    bool isLoaded() const { return m_loaded; }

    /// Candidates for `prefix`. `qualifier` is the word before a dot: a schema (its tables,
    /// views and functions), a table or an alias resolved through `statement` (its columns).
    QStringList complete(const QString &prefix, const QString &qualifier,
                         const QString &statement = {}) const;
    /// The server's keywords (empty until loaded).
    QStringList keywords() const;

    /// For `FROM crm.accounts a` and alias `a`, returns "accounts" (and sets *schema = "crm").
    static QString resolveAlias(const QString &statement, const QString &alias, QString *schema);

signals:
    void loaded();
    void failed(const tusk::pg::Error &error);

private:
    void buildIndex();

    QList<QMetaObject::Connection> m_connections;
    bool m_loaded = false;
    quint64 m_generation = 0;
    quint64 m_loads = 0;             ///< counts load() calls, so a late index of an earlier load is dropped
    QList<pg::ResultChunk> m_chunks; ///< the rows as they arrived, until indexed
    std::shared_ptr<const CompletionIndex> m_index;
};

} // namespace tusk::sql
