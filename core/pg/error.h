#pragma once

#include <QMetaType>
#include <QString>

namespace tusk::pg {

/// Tusk's "what to try" for a connection that failed or broke, chosen from facts about the
/// failure (the server's SQLSTATE first) rather than from the wording of libpq's message, which
/// libpq writes in the user's language.
enum class ConnectionAdvice {
    None,
    WrongPassword,      ///< 28P01 (also a role that does not exist, under password methods)
    NotAuthorized,      ///< 28000: no pg_hba.conf entry, role does not exist or may not log in
    NoPasswordGiven,    ///< the server asked for a password and none was supplied
    DatabaseMissing,    ///< 3D000
    NoConnectPrivilege, ///< 42501 at connect: no CONNECT privilege on the database
    DatabaseClosed,     ///< 55000 at connect: datallowconn is off (template0)
    TooManyConnections, ///< 53300: max_connections, or the role's/database's CONNECTION LIMIT
    CannotConnectNow,   ///< 57P03: starting up, shutting down, in recovery
    Terminated,         ///< 57P01: pg_terminate_backend() or a fast shutdown
    ServerCrashed,      ///< 57P02: another server process crashed, the server restarts
    DatabaseDropped,    ///< 57P04
    IdleSessionTimeout, ///< 57P05 (PostgreSQL 14+)
    IdleInTransaction,  ///< 25P03: idle_in_transaction_session_timeout
    ConnectionRefused,  ///< TCP: nothing listens on that host and port
    NoServerSocket,     ///< a socket directory with no (live) server socket in it
    UnknownHost,        ///< the host name did not resolve
    HostUnreachable,    ///< no route to the host or network
    TimedOut,           ///< Tusk's connect timeout passed without an answer
    TlsNotAvailable,    ///< sslmode required TLS and the connection could not set it up
    ServerClosed,       ///< the connection broke without the server saying why
};

/// What is known about a failed connection besides libpq's message.
struct ConnectionFacts
{
    bool needsPassword = false; ///< PQconnectionNeedsPassword(): asked for one, none supplied
    bool socketHost = false;    ///< the host is a Unix-socket directory, not a TCP address
    bool tlsRequired = false;   ///< sslmode was require, verify-ca or verify-full
    bool timedOut = false;      ///< Tusk's own connect timer ended the attempt
};

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
    ConnectionAdvice advice = ConnectionAdvice::None; ///< which advice suggestion holds, if any
    int position = 0; ///< 1-based character position in the statement, 0 when unknown
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

/// Picks the advice for a connection failure. In this order: the server's SQLSTATE; Tusk's own
/// facts (its connect timeout, a password asked for and not given); what the operating system
/// said, recognised by the C library's own text for that error number in this process's locale
/// (the text libpq copied into its message); TLS that was required; for a broken connection
/// without a code, that the server closed it. libpq's own English wording is never matched.
ConnectionAdvice chooseConnectionAdvice(const Error &error, const ConnectionFacts &facts = {});
/// The "what to try" sentence of an advice, translated (QCoreApplication::translate, "tusk::pg").
QString connectionAdviceText(ConnectionAdvice advice);
/// Sets suggestion and advice from chooseConnectionAdvice(), unless a suggestion is already set.
void addConnectionAdvice(Error &error, const ConnectionFacts &facts = {});

/// libpq's text for a failed or broken connection, written at PQERRORS_VERBOSE, split up: the
/// server's SQLSTATE (the last one, when libpq tried several hosts or TLS and plain), and the text
/// without the SQLSTATE and LOCATION lines, so that it reads as at libpq's default verbosity.
struct LibpqConnectionText
{
    QString text;
    QString sqlState; ///< empty for client-side failures (refused, DNS, TLS, no password…)
};
LibpqConnectionText splitVerboseConnectionText(const QString &libpqMessage);

} // namespace tusk::pg

Q_DECLARE_METATYPE(tusk::pg::Error)
Q_DECLARE_METATYPE(tusk::pg::Notice)
