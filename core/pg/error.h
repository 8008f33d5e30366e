#pragma once

#include <QMetaType>
#include <QString>

namespace tusk::pg {

/// A failure reported by the server or by libpq, as a value.
/// Carries every field a DBA needs to act on it, plus a "what to try" suggestion that Tusk adds
/// for well-known connection problems. Never contains a password.
struct Error
{
    enum class Kind {
        None,           ///< no error
        Usage,          ///< bad input from the caller (e.g. unparsable connection string)
        Connection,     ///< could not connect
        ConnectionLost, ///< the connection broke during or between requests
        Sql,            ///< the server rejected a statement
        Cancelled,      ///< the statement was cancelled (SQLSTATE 57014)
        Unsupported,    ///< the server asked for something Tusk does not do (e.g. COPY FROM STDIN)
    };

    Kind kind = Kind::None;
    QString severity;   ///< ERROR, FATAL, PANIC (non-localised when the server sends it)
    QString sqlState;   ///< five-character SQLSTATE, empty for client-side failures
    QString message;    ///< primary message
    QString detail;     ///< DETAIL
    QString hint;       ///< the server's HINT
    QString context;    ///< CONTEXT (call stack of PL/pgSQL, etc.)
    QString suggestion; ///< Tusk's "what to try", for client-side and connection failures
    int position = 0;   ///< 1-based character position in the statement, 0 when unknown
    int internalPosition = 0;
    QString internalQuery;

    bool isError() const { return kind != Kind::None; }
    /// Multi-line text as psql would print it (severity, message, detail, hint, suggestion).
    QString toString() const;

    static Error usage(const QString &message);
};

/// A NOTICE/WARNING/INFO message sent by the server while a statement runs.
struct Notice
{
    QString severity;
    QString sqlState;
    QString message;
    QString detail;
    QString hint;
    QString toString() const;
};

/// Adds Tusk's "what to try" advice to a connection failure, from the libpq message text.
void addConnectionAdvice(Error &error);

} // namespace tusk::pg

Q_DECLARE_METATYPE(tusk::pg::Error)
Q_DECLARE_METATYPE(tusk::pg::Notice)
