#include "connectionpanel.h"

#include "pg/error.h"
#include "pg/serverinfo.h"

#include <QDateTime>
#include <QFont>
#include <QFormLayout>
#include <QLabel>
#include <QPalette>
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
    m_title->setWordWrap(true);
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
    m_factsBox = new QWidget(this);
    m_facts = new QFormLayout(m_factsBox);
    m_facts->setContentsMargins(0, 0, 0, 0);
    m_facts->setHorizontalSpacing(18);
    m_facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_factsBox->hide();
    layout->addWidget(m_factsBox);
    auto *logLabel = new QLabel(tr("Log"), this);
    logLabel->setStyleSheet(QStringLiteral("font-weight: 600;"));
    layout->addWidget(logLabel);
    layout->addWidget(m_log, 1);
}

void ConnectionPanel::showConnecting(const QString &target)
{
    m_title->setText(tr("Connecting to %1 …").arg(target));
    m_details->clear();
    m_factsBox->hide();
    appendLog(tr("connecting to %1").arg(target));
}

QLabel *ConnectionPanel::value(const QString &key)
{
    // One row per fact, created on first use; QFormLayout wraps long values instead of clipping.
    for (int r = 0; r < m_facts->rowCount(); ++r) {
        auto *label = qobject_cast<QLabel *>(m_facts->itemAt(r, QFormLayout::LabelRole)->widget());
        if (label && label->text() == key)
            return qobject_cast<QLabel *>(m_facts->itemAt(r, QFormLayout::FieldRole)->widget());
    }
    auto *v = new QLabel(m_factsBox);
    v->setWordWrap(true);
    v->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *k = new QLabel(key, m_factsBox);
    k->setForegroundRole(QPalette::PlaceholderText);
    m_facts->addRow(k, v);
    return v;
}

void ConnectionPanel::showServer(const tusk::pg::ServerInfo &info)
{
    m_title->setText(tr("%1 on %2:%3").arg(info.database, info.host, info.port));
    m_details->clear();
    m_details->hide();
    value(tr("Server"))->setText(QStringLiteral("PostgreSQL ") + info.version);
    value(tr("Role"))->setText(info.isInRecovery ? tr("standby (read-only)") : tr("primary"));
    value(tr("User"))->setText(info.user + (info.isSuperuser ? tr(" (superuser)") : QString()));
    value(tr("Encryption"))
        ->setText(info.tlsInUse ? info.tlsProtocol + QStringLiteral(" · ") + info.tlsCipher
                                : tr("none (no TLS)"));
    value(tr("Backend PID"))->setText(QString::number(info.backendPid));
    value(tr("Extensions"))
        ->setText(info.extensions.isEmpty() ? tr("none") : info.extensions.join(QStringLiteral(", ")));
    m_factsBox->show();
    appendLog(tr("connected: %1").arg(info.summary()));
}

void ConnectionPanel::showError(const tusk::pg::Error &error)
{
    m_title->setText(tr("Connection failed"));
    m_factsBox->hide();
    m_details->show();
    m_details->setTextFormat(Qt::PlainText);
    m_details->setText(error.toString());
    appendLog(error.toString());
}

void ConnectionPanel::appendLog(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}
