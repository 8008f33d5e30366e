#include "connectionpanel.h"

#include "pg/error.h"
#include "pg/serverinfo.h"

#include <QDateTime>
#include <QFont>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

ConnectionPanel::ConnectionPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_details(new QLabel(this))
    , m_log(new QPlainTextEdit(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setText(tr("Not connected"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_details->setWordWrap(true);
    m_details->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum); // never clip the server facts
    m_log->setReadOnly(true);
    m_log->setObjectName(QStringLiteral("connectionLog"));
    m_log->setPlaceholderText(tr("Connection events and server notices appear here."));
    m_log->setMaximumBlockCount(5000);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    auto *logLabel = new QLabel(tr("Log"), this);
    logLabel->setStyleSheet(QStringLiteral("font-weight: 600;"));
    layout->addWidget(logLabel);
    layout->addWidget(m_log, 1);
}

void ConnectionPanel::showConnecting(const QString &target)
{
    m_title->setText(tr("Connecting to %1 …").arg(target));
    m_details->clear();
    appendLog(tr("connecting to %1").arg(target));
}

void ConnectionPanel::showServer(const tusk::pg::ServerInfo &info)
{
    m_title->setText(tr("%1 on %2:%3").arg(info.database, info.host, info.port));
    auto row = [](const QString &k, const QString &v) {
        return QStringLiteral("<tr><td style='padding-right:18px;color:palette(placeholder-text)'>%1</td>"
                              "<td>%2</td></tr>")
            .arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Server"), QStringLiteral("PostgreSQL ") + info.version);
    html += row(tr("Role"), info.isInRecovery ? tr("standby (read-only)") : tr("primary"));
    html += row(tr("User"), info.user + (info.isSuperuser ? tr(" (superuser)") : QString()));
    html += row(tr("Encryption"), info.tlsInUse ? info.tlsProtocol + QStringLiteral(" · ") + info.tlsCipher
                                                : tr("none (no TLS)"));
    html += row(tr("Backend PID"), QString::number(info.backendPid));
    html += row(tr("Extensions"),
                info.extensions.isEmpty() ? tr("none") : info.extensions.join(QStringLiteral(", ")));
    html += QStringLiteral("</table>");
    m_details->setTextFormat(Qt::RichText);
    m_details->setText(html);
    appendLog(tr("connected: %1").arg(info.summary()));
}

void ConnectionPanel::showError(const tusk::pg::Error &error)
{
    m_title->setText(tr("Connection failed"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setText(error.toString());
    appendLog(error.toString());
}

void ConnectionPanel::appendLog(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}
