#include "pg/serverinfo.h"

namespace tusk::pg {

bool ServerInfo::hasExtension(const QString &name) const
{
    const QString prefix = name + u' ';
    for (const QString &e : extensions) {
        if (e.startsWith(prefix) || e == name)
            return true;
    }
    return false;
}

QString ServerInfo::summary() const
{
    QString s = QStringLiteral("PostgreSQL ") + version.section(u' ', 0, 0);
    s += isInRecovery ? QStringLiteral(" · standby") : QStringLiteral(" · primary");
    s += tlsInUse ? QStringLiteral(" · ") + tlsProtocol : QStringLiteral(" · no TLS");
    return s;
}

} // namespace tusk::pg
