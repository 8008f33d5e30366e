#include "state/pgpassfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace tusk::state {

namespace {
// Splits one line on unescaped ':' and removes the escapes, as libpq does.
QStringList splitLine(const QString &line)
{
    QStringList fields;
    QString cur;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (c == u'\\' && i + 1 < line.size()) {
            cur += line[++i];
        } else if (c == u':' && fields.size() < 4) {
            fields << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    fields << cur;
    return fields;
}

bool fieldMatches(const QString &pattern, const QString &value)
{
    return pattern == QLatin1String("*") || pattern == value;
}
} // namespace

bool PgpassFile::Entry::matches(const QString &h, const QString &p, const QString &d, const QString &u) const
{
    return fieldMatches(host, h) && fieldMatches(port, p) && fieldMatches(database, d) &&
           fieldMatches(user, u);
}

QString PgpassFile::defaultPath()
{
    const QString env = qEnvironmentVariable("PGPASSFILE");
    return env.isEmpty() ? QDir::homePath() + QStringLiteral("/.pgpass") : env;
}

QString PgpassFile::escape(const QString &field)
{
    QString out;
    for (QChar c : field) {
        if (c == u':' || c == u'\\')
            out += u'\\';
        out += c;
    }
    return out;
}

Result<QList<PgpassFile::Entry>, QString> PgpassFile::read(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return QList<Entry>();
    if (!f.open(QIODevice::ReadOnly))
        return failure(
            QCoreApplication::translate("tusk::state", "cannot read %1: %2").arg(path, f.errorString()));
    QList<Entry> out;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList fields = splitLine(line);
        if (fields.size() != 5)
            continue; // libpq skips malformed lines too
        out << Entry{fields[0], fields[1], fields[2], fields[3], fields[4]};
    }
    return out;
}

Status<QString> PgpassFile::upsert(const QString &path, const Entry &entry)
{
    QStringList lines;
    QFile in(path);
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly))
            return QCoreApplication::translate("tusk::state", "cannot read %1: %2")
                .arg(path, in.errorString());
        for (const QByteArray &raw : in.readAll().split('\n'))
            lines << QString::fromUtf8(raw);
        in.close();
        while (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
    }
    const QString prefix = escape(entry.host) + u':' + escape(entry.port) + u':' + escape(entry.database) +
                           u':' + escape(entry.user) + u':';
    const QString line = prefix + escape(entry.password);
    bool replaced = false;
    for (QString &l : lines) {
        if (l.startsWith(prefix)) {
            l = line;
            replaced = true;
        }
    }
    if (!replaced)
        lines << line;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return QCoreApplication::translate("tusk::state", "cannot write %1: %2").arg(path, out.errorString());
    out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    out.write((lines.join(u'\n') + u'\n').toUtf8());
    if (!out.commit())
        return QCoreApplication::translate("tusk::state", "cannot write %1: %2").arg(path, out.errorString());
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

} // namespace tusk::state
