#pragma once

// Test support: a loopback TCP proxy in front of a server, whose connections a test can cut
// (a dropped network) without touching the server.

#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace tusk::test {

class TcpProxy : public QObject
{
public:
    explicit TcpProxy(quint16 targetPort)
        : m_targetPort(targetPort)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(client);
                upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
                pipe(client, upstream);
                pipe(upstream, client);
                m_pairs << qMakePair(QPointer<QTcpSocket>(client), QPointer<QTcpSocket>(upstream));
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

    /// Cuts every connection at once, as a dropped network would (the client sees a reset).
    void dropAll()
    {
        for (auto &[client, upstream] : m_pairs) {
            if (upstream)
                upstream->abort();
            if (client)
                client->abort();
        }
    }

private:
    static void pipe(QTcpSocket *from, QTcpSocket *to)
    {
        QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] {
            if (to->state() == QAbstractSocket::ConnectedState)
                to->write(from->readAll());
        });
        QObject::connect(to, &QTcpSocket::connected, from, [from, to] { to->write(from->readAll()); });
    }

    quint16 m_targetPort;
    QTcpServer m_server;
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

} // namespace tusk::test
