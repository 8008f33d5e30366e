#include "pg/error.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <netdb.h>

namespace tusk::pg {

QString Error::toString() const
{
    // The labels are psql's (libpq translates them too); severity and SQLSTATE stay as sent.
    QStringList lines;
    QString head = severity.isEmpty() ? QStringLiteral("ERROR") : severity;
    if (!sqlState.isEmpty())
        head += QStringLiteral(" %1").arg(sqlState);
    lines << head + QStringLiteral(":  ") + message.trimmed();
    if (!detail.isEmpty())
        lines << QCoreApplication::translate("tusk::pg", "DETAIL:  %1").arg(detail);
    if (!hint.isEmpty())
        lines << QCoreApplication::translate("tusk::pg", "HINT:  %1").arg(hint);
    if (!context.isEmpty())
        lines << QCoreApplication::translate("tusk::pg", "CONTEXT:  %1").arg(context);
    if (position > 0)
        lines << QCoreApplication::translate("tusk::pg", "POSITION:  %1").arg(position);
    if (!suggestion.isEmpty())
        lines << QCoreApplication::translate("tusk::pg", "TRY:  %1").arg(suggestion);
    return lines.join(QLatin1Char('\n'));
}

Error Error::usage(const QString &message)
{
    Error e;
    e.kind = Kind::Usage;
    e.severity = QStringLiteral("ERROR");
    e.message = message;
    return e;
}

QString Notice::toString() const
{
    QString s = severity + QStringLiteral(":  ") + message;
    if (!detail.isEmpty())
        s += QLatin1Char('\n') + QCoreApplication::translate("tusk::pg", "DETAIL:  %1").arg(detail);
    if (!hint.isEmpty())
        s += QLatin1Char('\n') + QCoreApplication::translate("tusk::pg", "HINT:  %1").arg(hint);
    return s;
}

namespace {

struct AdviceText
{
    ConnectionAdvice advice;
    const char *text;
};

// One sentence per advice, translated when shown (connectionAdviceText).
constexpr AdviceText kAdviceTexts[] = {
    {ConnectionAdvice::WrongPassword,
     QT_TRANSLATE_NOOP(
         "tusk::pg",
         "Check the user name and password (system keychain or .pgpass entry) for this connection.")},
    {ConnectionAdvice::NotAuthorized,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "The server refuses this user, host and database: check the user name (does the "
                       "role exist, may it log in?), ask for a pg_hba.conf entry, or try another sslmode.")},
    {ConnectionAdvice::NoPasswordGiven,
     QT_TRANSLATE_NOOP(
         "tusk::pg", "The server asks for a password: enter one, or add a line to ~/.pgpass (chmod 0600).")},
    {ConnectionAdvice::DatabaseMissing,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "Check the database name; connect to the 'postgres' database to list them.")},
    {ConnectionAdvice::NoConnectPrivilege,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "This role may not connect to that database: ask for GRANT CONNECT ON DATABASE, "
                       "or choose another database.")},
    {ConnectionAdvice::DatabaseClosed,
     QT_TRANSLATE_NOOP("tusk::pg", "That database does not accept connections (datallowconn is off, as for "
                                   "template0): choose another database.")},
    {ConnectionAdvice::TooManyConnections,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "The server, database or role is at its connection limit (max_connections or "
                       "CONNECTION LIMIT): close idle sessions or try again later.")},
    {ConnectionAdvice::CannotConnectNow,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "The server is starting, shutting down or recovering: try again in a few seconds.")},
    {ConnectionAdvice::Terminated,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "The server ended this session (pg_terminate_backend or a shutdown): reconnect; "
                       "check the server log.")},
    {ConnectionAdvice::ServerCrashed,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "Another server process crashed and the server is restarting: reconnect in a few "
                       "seconds; check the server log.")},
    {ConnectionAdvice::DatabaseDropped,
     QT_TRANSLATE_NOOP("tusk::pg", "The database was dropped: connect to another one.")},
    {ConnectionAdvice::IdleSessionTimeout,
     QT_TRANSLATE_NOOP("tusk::pg", "The session was idle longer than idle_session_timeout: reconnect.")},
    {ConnectionAdvice::IdleInTransaction,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "The transaction stayed idle longer than idle_in_transaction_session_timeout and "
                       "was rolled back: reconnect, and commit or roll back sooner.")},
    {ConnectionAdvice::ConnectionRefused,
     QT_TRANSLATE_NOOP(
         "tusk::pg",
         "Check the host and port; start the server, or check its listen_addresses and any firewall.")},
    {ConnectionAdvice::NoServerSocket,
     QT_TRANSLATE_NOOP(
         "tusk::pg",
         "No server socket at that path: is the server running, and is the socket directory right?")},
    {ConnectionAdvice::UnknownHost,
     QT_TRANSLATE_NOOP("tusk::pg", "Check the host name (DNS) or use an IP address.")},
    {ConnectionAdvice::HostUnreachable,
     QT_TRANSLATE_NOOP(
         "tusk::pg",
         "The host cannot be reached: check the network path (VPN, routing, firewall) and the host.")},
    {ConnectionAdvice::TimedOut,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "The server did not answer in time: check the network path, firewall and host/port.")},
    {ConnectionAdvice::TlsNotAvailable,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "TLS was required but could not be set up: enable ssl on the server (and check "
                       "its certificate against sslrootcert), or use sslmode=prefer.")},
    {ConnectionAdvice::ServerClosed,
     QT_TRANSLATE_NOOP("tusk::pg",
                       "The server process ended (crash, restart or pg_terminate_backend): reconnect; "
                       "check the server log.")},
};

struct CodeAdvice
{
    const char *sqlState;
    ConnectionAdvice advice;
    bool connectOnly; ///< a general SQL code that means this only while connecting
};

// The codes the server sends while a connection starts or when it ends a session.
constexpr CodeAdvice kByCode[] = {
    {"28P01", ConnectionAdvice::WrongPassword, false},
    {"28000", ConnectionAdvice::NotAuthorized, false},
    {"3D000", ConnectionAdvice::DatabaseMissing, true},
    {"42501", ConnectionAdvice::NoConnectPrivilege, true},
    {"55000", ConnectionAdvice::DatabaseClosed, true},
    {"53300", ConnectionAdvice::TooManyConnections, false},
    {"57P03", ConnectionAdvice::CannotConnectNow, false},
    {"57P01", ConnectionAdvice::Terminated, false},
    {"57P02", ConnectionAdvice::ServerCrashed, false},
    {"57P04", ConnectionAdvice::DatabaseDropped, false},
    {"57P05", ConnectionAdvice::IdleSessionTimeout, false},
    {"25P03", ConnectionAdvice::IdleInTransaction, false},
};

// strerror_r is the GNU one (returns the text) or the XSI one (fills the buffer).
[[maybe_unused]] const char *strerrorText(const char *result, const char *)
{
    return result;
}
[[maybe_unused]] const char *strerrorText(int result, const char *buffer)
{
    return result == 0 ? buffer : "";
}

// The C library's text for errnum in this process's locale: libpq put the same text into its
// message (pq_strerror), so finding it says what the system call reported, whatever the language.
bool mentionsErrno(const QString &message, int errnum)
{
    char buffer[256] = {};
    const QString text = QString::fromUtf8(strerrorText(strerror_r(errnum, buffer, sizeof buffer), buffer));
    return !text.isEmpty() && message.contains(text);
}

bool mentionsResolverError(const QString &message)
{
    for (const int code : {
             EAI_NONAME,
             EAI_AGAIN,
             EAI_FAIL,
#ifdef EAI_NODATA
             EAI_NODATA,
#endif
         }) {
        if (message.contains(QString::fromUtf8(gai_strerror(code))))
            return true;
    }
    return false;
}

} // namespace

QString connectionAdviceText(ConnectionAdvice advice)
{
    for (const AdviceText &a : kAdviceTexts) {
        if (a.advice == advice)
            return QCoreApplication::translate("tusk::pg", a.text);
    }
    return {};
}

ConnectionAdvice chooseConnectionAdvice(const Error &error, const ConnectionFacts &facts)
{
    const bool connecting = error.kind == Error::Kind::Connection;
    for (const CodeAdvice &c : kByCode) {
        if (error.sqlState == QLatin1String(c.sqlState) && (connecting || !c.connectOnly))
            return c.advice;
    }
    if (!error.sqlState.isEmpty())
        return ConnectionAdvice::None; // the server said what it was: no guessing from the text
    if (facts.timedOut)
        return ConnectionAdvice::TimedOut;
    if (facts.needsPassword)
        return ConnectionAdvice::NoPasswordGiven;
    // What the operating system said, as the C library words it in this locale (last resort).
    const QString &m = error.message;
    if (mentionsErrno(m, ECONNREFUSED))
        return facts.socketHost ? ConnectionAdvice::NoServerSocket : ConnectionAdvice::ConnectionRefused;
    if (facts.socketHost && mentionsErrno(m, ENOENT))
        return ConnectionAdvice::NoServerSocket;
    if (mentionsResolverError(m))
        return ConnectionAdvice::UnknownHost;
    if (mentionsErrno(m, ETIMEDOUT))
        return ConnectionAdvice::TimedOut;
    if (mentionsErrno(m, EHOSTUNREACH) || mentionsErrno(m, ENETUNREACH))
        return ConnectionAdvice::HostUnreachable;
    if (connecting && facts.tlsRequired)
        return ConnectionAdvice::TlsNotAvailable; // the server answered, and not with an error of its own
    if (error.kind == Error::Kind::ConnectionLost)
        return ConnectionAdvice::ServerClosed;
    return ConnectionAdvice::None;
}

void addConnectionAdvice(Error &error, const ConnectionFacts &facts)
{
    if (!error.suggestion.isEmpty())
        return;
    error.advice = chooseConnectionAdvice(error, facts);
    error.suggestion = connectionAdviceText(error.advice);
}

LibpqConnectionText splitVerboseConnectionText(const QString &libpqMessage)
{
    // pqBuildErrorMessage3() at PQERRORS_VERBOSE writes a server error as
    //   <severity>:  <SQLSTATE>: <message>
    //   [DETAIL/HINT lines]
    //   <LOCATION label>:  <function>, <file>:<line>
    // after libpq's own "connection to server at … failed: ". The labels are libpq's
    // translations and the severity is the server's, so neither is matched by its words: the
    // SQLSTATE is the first "X:  " followed by five code characters and ": " on a line, and the
    // LOCATION line is the one after it that ends in a source file and line number (French
    // libpq writes "EMPLACEMENT : auth_failed, auth.c : 334").
    static const QRegularExpression code(QStringLiteral("\\S:  ([0-9A-Z]{5}): "));
    static const QRegularExpression location(
        QStringLiteral("^[^:\\n]{1,40}:\\s+(?:\\w+, )?[\\w.-]+\\.\\w+ ?: ?\\d+$"));
    LibpqConnectionText out;
    QStringList kept;
    bool afterCode = false;
    for (const QString &line : libpqMessage.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = code.match(line);
        if (m.hasMatch()) {
            out.sqlState = m.captured(1);
            kept << line.left(m.capturedStart(1)) + line.mid(m.capturedEnd(0));
            afterCode = true;
        } else if (afterCode && location.match(line).hasMatch()) {
            afterCode = false;
        } else {
            kept << line;
        }
    }
    out.text = kept.join(QLatin1Char('\n')).trimmed();
    return out;
}

} // namespace tusk::pg
