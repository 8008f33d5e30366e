#include "monitor/metricsendpoint.h"

#include "monitor/prometheustext.h"
#include "monitor/scraper.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace tusk::monitor {

namespace {
constexpr qsizetype kMaxRequestBytes = 16 * 1024; // Prometheus sends a few hundred
constexpr int kRequestTimeoutMs = 10'000;
} // namespace

Result<ListenAddress, QString> ListenAddress::parse(const QString &text)
{
    const QString t = text.trimmed();
    QString host;
    QString port = t;
    if (t.startsWith(u'[')) { // [::1]:9187
        const qsizetype close = t.indexOf(QLatin1String("]:"));
        if (close < 0)
            return failure(QStringLiteral("%1: expected [IPv6]:PORT").arg(text));
        host = t.mid(1, close - 1);
        port = t.mid(close + 2);
    } else if (const qsizetype colon = t.lastIndexOf(u':'); colon >= 0) {
        if (t.indexOf(u':') != colon)
            return failure(QStringLiteral("%1: write an IPv6 address in brackets, [::1]:PORT").arg(text));
        host = t.left(colon);
        port = t.mid(colon + 1);
    }
    bool ok = false;
    const uint number = port.toUInt(&ok);
    if (!ok || number > 65535)
        return failure(QStringLiteral("%1: expected HOST:PORT with a port of 0 to 65535").arg(text));
    ListenAddress a;
    a.port = quint16(number);
    if (host.isEmpty() || host == QLatin1String("localhost"))
        a.host = QHostAddress(QHostAddress::LocalHost); // loopback unless told otherwise
    else if (!a.host.setAddress(host))
        return failure(QStringLiteral("%1: %2 is not an IP address (no host names: say which interface)")
                           .arg(text, host));
    return a;
}

MetricsEndpoint::MetricsEndpoint(Scraper *scraper, QObject *parent)
    : QObject(parent)
    , m_scraper(scraper)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &MetricsEndpoint::onConnection);
}

MetricsEndpoint::~MetricsEndpoint() = default;

Status<QString> MetricsEndpoint::listen(const ListenAddress &address)
{
    if (m_server->listen(address.host, address.port))
        return {};
    const QString where = address.host.protocol() == QAbstractSocket::IPv6Protocol
                              ? QStringLiteral("[%1]:%2").arg(address.host.toString()).arg(address.port)
                              : QStringLiteral("%1:%2").arg(address.host.toString()).arg(address.port);
    return QStringLiteral("cannot listen on %1: %2").arg(where, m_server->errorString());
}

quint16 MetricsEndpoint::port() const
{
    return m_server->serverPort();
}

void MetricsEndpoint::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        // A client that never finishes its request must not hold a socket for ever.
        auto *timer = new QTimer(socket);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, socket, &QTcpSocket::abort);
        timer->start(kRequestTimeoutMs);
    }
}

void MetricsEndpoint::onReadable(QTcpSocket *socket)
{
    if (socket->property("tusk_answered").toBool()) {
        socket->readAll(); // one request per connection; the rest is ignored
        return;
    }
    QByteArray request = socket->property("tusk_request").toByteArray() + socket->readAll();
    const qsizetype end = request.indexOf("\r\n\r\n");
    if (end < 0 && request.indexOf("\n\n") < 0) {
        if (request.size() > kMaxRequestBytes)
            answer(socket, 400, "Bad Request", "request header too large\n");
        else
            socket->setProperty("tusk_request", request);
        return;
    }
    socket->setProperty("tusk_answered", true);
    // Request line: METHOD SP TARGET SP HTTP/1.x
    const QList<QByteArray> parts = request.left(request.indexOf('\n')).trimmed().split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.") || !parts[1].startsWith('/')) {
        answer(socket, 400, "Bad Request", "expected an HTTP/1.x request: GET /metrics\n");
        return;
    }
    const QByteArray &method = parts[0];
    const bool head = method == "HEAD";
    if (method != "GET" && !head) {
        answer(socket, 405, "Method Not Allowed", "only GET /metrics\n");
        return;
    }
    QByteArray path = parts[1];
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    if (path != "/metrics") {
        answer(socket, 404, "Not Found", "the metrics are at /metrics\n", "text/plain; charset=utf-8", head);
        return;
    }
    if (auto *timer = socket->findChild<QTimer *>())
        timer->stop(); // the scrape may take as long as the slowest node (the Scraper's timeout)
    m_scraper->scrape(socket, [this, socket, head](const QByteArray &text) {
        answer(socket, 200, "OK", text, kPrometheusContentType, head);
    });
}

void MetricsEndpoint::answer(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &body,
                             const QByteArray &contentType, bool headOnly)
{
    socket->setProperty("tusk_answered", true);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (status == 405)
        out += "Allow: GET, HEAD\r\n";
    out += "Connection: close\r\n\r\n";
    if (!headOnly)
        out += body;
    socket->write(out);
    socket->disconnectFromHost(); // after the written bytes are sent
}

} // namespace tusk::monitor
