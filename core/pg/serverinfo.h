#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace tusk::pg {

/// What Tusk knows about the server behind a connected Session: version, role, TLS and the
/// capabilities that decide which features and which catalog queries apply.
struct ServerInfo
{
    int versionNumber = 0; ///< PQserverVersion: 150004 for 15.4
    QString version;       ///< server_version, e.g. "15.4 (Debian 15.4-1)"
    QString database;
    QString user;
    QString host; ///< as libpq connected (PQhost)
    QString port;
    QString serverEncoding;
    QString applicationName;
    int backendPid = 0;
    bool isSuperuser = false;
    bool isInRecovery = false; ///< a standby (hot standby)
    QStringList extensions;    ///< installed in this database, as "name version"

    bool tlsInUse = false;
    QString tlsProtocol; ///< e.g. TLSv1.3
    QString tlsCipher;

    int libpqVersion = 0;
    bool hasChunkedRows = false; ///< libpq >= 17 chunked-rows mode

    int majorVersion() const { return versionNumber / 10000; }
    bool hasExtension(const QString &name) const;
    /// "PostgreSQL 15.4 · primary · TLSv1.3" for status bars.
    QString summary() const;
};

} // namespace tusk::pg

Q_DECLARE_METATYPE(tusk::pg::ServerInfo)
