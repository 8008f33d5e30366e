#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace tusk::pg {
class Session;
struct Error;
} // namespace tusk::pg

namespace tusk::sql {

/// Names for the editor's autocompletion: keywords (the server's pg_get_keywords()), schemas,
/// tables/views, their columns and functions. Loaded once per connection with one background
/// query; complete() answers from memory at once, so typing never waits.
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
    const QStringList &keywords() const { return m_keywords; }

    /// For `FROM crm.accounts a` and alias `a`, returns "accounts" (and sets *schema = "crm").
    static QString resolveAlias(const QString &statement, const QString &alias, QString *schema);

signals:
    void loaded();
    void failed(const tusk::pg::Error &error);

private:
    void addRow(const QString &kind, const QString &schema, const QString &name, const QString &column);

    QList<QMetaObject::Connection> m_connections;
    bool m_loaded = false;
    quint64 m_generation = 0;
    QStringList m_keywords;
    QStringList m_schemas;
    QHash<QString, QStringList> m_relationsBySchema; ///< schema -> relation names
    QHash<QString, QStringList> m_functionsBySchema;
    QHash<QString, QStringList> m_columnsByRelation; ///< "schema.relation" and "relation" -> columns
    QSet<QString> m_allRelations;
    QSet<QString> m_allColumns;
    QSet<QString> m_commonFunctions; ///< pg_catalog and public functions, offered unqualified
};

} // namespace tusk::sql
