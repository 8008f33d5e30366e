#include "pg/connectionparams.h"

#include <QCoreApplication>

#include <libpq-fe.h>

#include <memory>

namespace tusk::pg {

Result<ConnectionParams, Error> ConnectionParams::parse(const QString &conninfo)
{
    char *err = nullptr;
    const QByteArray utf8 = conninfo.trimmed().toUtf8();
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(utf8.constData(), &err), &PQconninfoFree);
    if (!options) {
        Error e = Error::usage(
            err ? QString::fromUtf8(err).trimmed()
                : QCoreApplication::translate("tusk::pg", "out of memory parsing the connection string"));
        e.suggestion = QCoreApplication::translate(
            "tusk::pg", "Use a URI like postgresql://user@host:5432/dbname or key=value "
                        "pairs like host=db1 port=5432 dbname=app.");
        PQfreemem(err);
        return e;
    }
    ConnectionParams params;
    for (PQconninfoOption *o = options.get(); o->keyword; ++o) {
        if (o->val)
            params.m_entries.append({QString::fromUtf8(o->keyword), QString::fromUtf8(o->val)});
    }
    return params;
}

QString ConnectionParams::value(const QString &key) const
{
    for (const auto &e : m_entries) {
        if (e.first == key)
            return e.second;
    }
    return {};
}

bool ConnectionParams::contains(const QString &key) const
{
    for (const auto &e : m_entries) {
        if (e.first == key)
            return true;
    }
    return false;
}

void ConnectionParams::set(const QString &key, const QString &value)
{
    for (auto &e : m_entries) {
        if (e.first == key) {
            e.second = value;
            return;
        }
    }
    m_entries.append({key, value});
}

void ConnectionParams::setDefault(const QString &key, const QString &value)
{
    if (!contains(key))
        m_entries.append({key, value});
}

void ConnectionParams::remove(const QString &key)
{
    m_entries.removeIf([&](const auto &e) { return e.first == key; });
}

int ConnectionParams::connectTimeoutSeconds() const
{
    bool ok = false;
    const int t = value(QStringLiteral("connect_timeout")).toInt(&ok);
    if (!ok || t <= 0)
        return 10;
    return t < 2 ? 2 : t; // libpq treats 1 as 2 as well
}

namespace {
QString quoteConninfoValue(const QString &v)
{
    QString out = QStringLiteral("'");
    for (QChar c : v) {
        if (c == u'\'' || c == u'\\')
            out += u'\\';
        out += c;
    }
    return out + u'\'';
}

QString join(const QList<QPair<QString, QString>> &entries, bool hidePassword)
{
    QStringList parts;
    for (const auto &e : entries) {
        const bool secret = e.first == QLatin1String("password");
        parts << e.first + u'=' +
                     (secret && hidePassword ? QStringLiteral("********") : quoteConninfoValue(e.second));
    }
    return parts.join(u' ');
}
} // namespace

QString ConnectionParams::toConninfo() const
{
    return join(m_entries, false);
}

QString ConnectionParams::redacted() const
{
    return join(m_entries, true);
}

QString ConnectionParams::displayName() const
{
    if (contains(QStringLiteral("service")) && !contains(QStringLiteral("host")))
        return QStringLiteral("service=") + value(QStringLiteral("service"));
    QString s;
    const QString user = value(QStringLiteral("user"));
    if (!user.isEmpty())
        s += user + u'@';
    const QString host = value(QStringLiteral("host"));
    s += host.isEmpty() ? QStringLiteral("localhost") : host;
    const QString port = value(QStringLiteral("port"));
    if (!port.isEmpty())
        s += u':' + port;
    const QString db = value(QStringLiteral("dbname"));
    if (!db.isEmpty())
        s += u'/' + db;
    return s;
}

} // namespace tusk::pg
