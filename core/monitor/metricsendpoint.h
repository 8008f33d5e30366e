#pragma once

#include "result.h"

#include <QHostAddress>
#include <QObject>

class QTcpServer;
class QTcpSocket;

namespace tusk::monitor {

class Scraper;

/// Where to listen: "127.0.0.1:9187", "[::1]:9187", "localhost:9187", "0.0.0.0:9187", or
/// ":9187" / "9187" for loopback only.
struct ListenAddress
{
    QHostAddress host;
    quint16 port = 0;

    /// An error says what is wrong ("expected HOST:PORT", "not an IP address").
    static Result<ListenAddress, QString> parse(const QString &text);
};

/// The Prometheus scrape endpoint: a small HTTP/1.x server on QTcpServer that answers
/// `GET /metrics` with the Scraper's exposition text (HEAD too), 404 for any other path, 405 for
/// other methods and 400 for what is not an HTTP request. Every connection is answered and
/// closed (`Connection: close`); nothing blocks the event loop: a scrape waits for the
/// Scraper's callback, a client that sends no complete request in 10 s is dropped.
/// @code
/// MetricsEndpoint endpoint(&scraper);
/// if (auto ok = endpoint.listen(*ListenAddress::parse(u"127.0.0.1:9187"_s)); !ok)
///     fail(ok.error()); // "127.0.0.1:9187: The bound address is already in use"
/// @endcode
class MetricsEndpoint : public QObject
{
    Q_OBJECT
public:
    explicit MetricsEndpoint(Scraper *scraper, QObject *parent = nullptr);
    ~MetricsEndpoint() override;

    Status<QString> listen(const ListenAddress &address);
    /// The port listened on (the one chosen, for port 0).
    quint16 port() const;

private:
    void onConnection();
    void onReadable(QTcpSocket *socket);
    void answer(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &body,
                const QByteArray &contentType = "text/plain; charset=utf-8", bool headOnly = false);

    Scraper *m_scraper;
    QTcpServer *m_server;
};

} // namespace tusk::monitor
