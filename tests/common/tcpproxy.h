#pragma once

// Test support: a loopback TCP proxy in front of a server, whose connections a test can cut
// (a dropped network) without touching the server, and whose answers it can hold back (to see
// what a client sends before it hears anything).

#include <QHash>
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
                pipe(client, upstream, true);
                pipe(upstream, client, false);
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

    /// Refusing: every connection is cut and new ones are refused, as a server that is down;
    /// then the same port listens again.
    void setRefusing(bool refusing)
    {
        if (refusing) {
            m_port = m_server.serverPort();
            m_server.close();
            dropAll();
        } else if (!m_server.isListening()) {
            m_server.listen(QHostAddress::LocalHost, m_port);
        }
    }

    /// While held, the server's bytes are kept instead of passed on to the clients, and what the
    /// clients send is recorded (sentWhileHeld()). Releasing passes the kept bytes on.
    void holdAnswers(bool hold)
    {
        m_holding = hold;
        if (hold) {
            m_sentWhileHeld.clear();
            return;
        }
        for (auto &[client, upstream] : m_pairs) {
            if (client && m_held.contains(client.data()))
                client->write(m_held.take(client.data()));
        }
    }
    QByteArray sentWhileHeld() const { return m_sentWhileHeld; }

private:
    void pipe(QTcpSocket *from, QTcpSocket *to, bool toServer)
    {
        auto forward = [this, from, to, toServer] {
            const QByteArray bytes = from->readAll();
            if (toServer && m_holding)
                m_sentWhileHeld += bytes;
            if (!toServer && m_holding)
                m_held[to] += bytes;
            else
                to->write(bytes);
        };
        QObject::connect(from, &QTcpSocket::readyRead, to, [to, forward] {
            if (to->state() == QAbstractSocket::ConnectedState)
                forward();
        });
        QObject::connect(to, &QTcpSocket::connected, from, forward);
    }

    quint16 m_targetPort;
    quint16 m_port = 0;
    QTcpServer m_server;
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
    bool m_holding = false;
    QByteArray m_sentWhileHeld;
    QHash<QTcpSocket *, QByteArray> m_held;
};

} // namespace tusk::test
