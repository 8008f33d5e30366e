#include "pg/error.h"

#include <QStringList>

namespace tusk::pg {

QString Error::toString() const
{
    QStringList lines;
    QString head = severity.isEmpty() ? QStringLiteral("ERROR") : severity;
    if (!sqlState.isEmpty())
        head += QStringLiteral(" %1").arg(sqlState);
    lines << head + QStringLiteral(":  ") + message.trimmed();
    if (!detail.isEmpty())
        lines << QStringLiteral("DETAIL:  ") + detail;
    if (!hint.isEmpty())
        lines << QStringLiteral("HINT:  ") + hint;
    if (!context.isEmpty())
        lines << QStringLiteral("CONTEXT:  ") + context;
    if (position > 0)
        lines << QStringLiteral("POSITION:  %1").arg(position);
    if (!suggestion.isEmpty())
        lines << QStringLiteral("TRY:  ") + suggestion;
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
        s += QStringLiteral("\nDETAIL:  ") + detail;
    if (!hint.isEmpty())
        s += QStringLiteral("\nHINT:  ") + hint;
    return s;
}

namespace {
struct Advice
{
    const char *needle;
    const char *text;
};

// Matched against libpq's English messages; the most specific needles come first.
constexpr Advice kAdvice[] = {
    {"password authentication failed",
     "Check the user name and password (system keychain or .pgpass entry) for this connection."},
    {"no password supplied",
     "The server asks for a password: enter one, or add a line to ~/.pgpass (chmod 0600)."},
    {"does not exist", "Check the database and user names; connect to the 'postgres' database to list them."},
    {"no pg_hba.conf entry",
     "The server refuses this host/user/database combination: ask for a pg_hba.conf entry, or try "
     "another sslmode."},
    {"server does not support SSL",
     "TLS was required but the server does not offer it: enable ssl on the server or use sslmode=prefer."},
    {"Connection refused",
     "Check the host and port; start the server, or check its listen_addresses and any firewall."},
    {"could not translate host name", "Check the host name (DNS) or use an IP address."},
    {"timeout expired", "The server did not answer in time: check the network path, firewall and host/port."},
    {"timed out", "The server did not answer in time: check the network path, firewall and host/port."},
    {"No such file or directory",
     "No server socket at that path: is the server running, and is the socket directory right?"},
    {"too many connections", "The server is at max_connections: close idle sessions or try again later."},
    {"the database system is starting up",
     "The server is starting or recovering: try again in a few seconds."},
    {"the database system is shutting down", "The server is shutting down."},
    {"server closed the connection unexpectedly",
     "The server process ended (crash, restart or pg_terminate_backend): reconnect; check the server log."},
};
} // namespace

void addConnectionAdvice(Error &error)
{
    if (!error.suggestion.isEmpty())
        return;
    for (const Advice &a : kAdvice) {
        if (error.message.contains(QLatin1String(a.needle))) {
            error.suggestion = QString::fromUtf8(a.text);
            return;
        }
    }
}

} // namespace tusk::pg
