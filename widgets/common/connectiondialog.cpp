#include "common/connectiondialog.h"

#include "pg/session.h"
#include "state/pgpassfile.h"
#include "state/servicefile.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QUuid>
#include <QVBoxLayout>

namespace tusk::widgets {

using state::ConnectionProfile;

namespace {
QWidget *withBrowse(QLineEdit *edit, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(edit, 1);
    auto *browse = new QPushButton(ConnectionDialog::tr("Browse…"), row);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit] {
        const QString f =
            QFileDialog::getOpenFileName(edit, ConnectionDialog::tr("Choose a file"), edit->text());
        if (!f.isEmpty())
            edit->setText(f);
    });
    h->addWidget(browse);
    return row;
}

void setColorButton(QPushButton *b, const QString &color)
{
    b->setProperty("color", color);
    b->setText(color.isEmpty() ? ConnectionDialog::tr("None") : color);
    b->setStyleSheet(
        color.isEmpty()
            ? QString()
            : QStringLiteral("QPushButton { border-left: 14px solid %1; padding-left: 6px; }").arg(color));
}
} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_uri(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_storage(new QComboBox(this))
    , m_storageNote(new QLabel(this))
    , m_sslmode(new QComboBox(this))
    , m_sslrootcert(new QLineEdit(this))
    , m_sslcert(new QLineEdit(this))
    , m_sslkey(new QLineEdit(this))
    , m_service(new QLineEdit(this))
    , m_options(new QLineEdit(this))
    , m_color(new QPushButton(this))
    , m_readOnly(new QCheckBox(tr("Read-only sessions (default_transaction_read_only)"), this))
    , m_confirmDestructive(new QCheckBox(tr("Confirm destructive statements before running them"), this))
    , m_testButton(new QPushButton(tr("Test"), this))
    , m_testResult(new QLabel(this))
{
    setWindowTitle(tr("Connection"));
    m_profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_uri->setPlaceholderText(tr("Paste postgresql://user@host:5432/db or host=… dbname=…"));
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_port->setPlaceholderText(QStringLiteral("5432"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("leave empty to use .pgpass or to be asked"));
    m_storage->addItem(tr("System keychain"),
                       ConnectionProfile::storageName(ConnectionProfile::PasswordStorage::Keychain));
    m_storage->addItem(tr("~/.pgpass file"),
                       ConnectionProfile::storageName(ConnectionProfile::PasswordStorage::Pgpass));
    m_storage->addItem(tr("Do not store"),
                       ConnectionProfile::storageName(ConnectionProfile::PasswordStorage::None));
    m_storageNote->setWordWrap(true);
    m_storageNote->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_sslmode->addItems({QStringLiteral("prefer"), QStringLiteral("disable"), QStringLiteral("allow"),
                         QStringLiteral("require"), QStringLiteral("verify-ca"),
                         QStringLiteral("verify-full")});
    m_options->setPlaceholderText(QStringLiteral("connect_timeout=5 options='-c statement_timeout=30s'"));
    setColorButton(m_color, QString());
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setObjectName(QStringLiteral("testResult"));

    auto *general = new QFormLayout;
    general->addRow(tr("Name"), m_name);
    general->addRow(tr("Paste"), m_uri);
    general->addRow(tr("Host"), m_host);
    general->addRow(tr("Port"), m_port);
    general->addRow(tr("Database"), m_database);
    general->addRow(tr("User"), m_user);
    general->addRow(tr("Password"), m_password);
    general->addRow(tr("Store password in"), m_storage);
    general->addRow(QString(), m_storageNote);

    auto *tls = new QGroupBox(tr("TLS and advanced"), this);
    auto *tlsForm = new QFormLayout(tls);
    tlsForm->addRow(tr("SSL mode"), m_sslmode);
    tlsForm->addRow(tr("Root certificate"), withBrowse(m_sslrootcert, tls));
    tlsForm->addRow(tr("Client certificate"), withBrowse(m_sslcert, tls));
    tlsForm->addRow(tr("Client key"), withBrowse(m_sslkey, tls));
    tlsForm->addRow(tr("Service"), m_service);
    tlsForm->addRow(tr("Options"), m_options);

    auto *safety = new QGroupBox(tr("Production safety"), this);
    auto *safetyForm = new QFormLayout(safety);
    safetyForm->addRow(tr("Colour"), m_color);
    safetyForm->addRow(m_readOnly);
    safetyForm->addRow(m_confirmDestructive);

    auto *importButton = new QPushButton(tr("Import"), this);
    auto *importMenu = new QMenu(importButton);
    importMenu->addAction(tr("From pg_service.conf…"), this, &ConnectionDialog::importService);
    importMenu->addAction(tr("From ~/.pgpass…"), this, &ConnectionDialog::importPgpass);
    importButton->setMenu(importMenu);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->addButton(m_testButton, QDialogButtonBox::ActionRole);
    buttons->addButton(importButton, QDialogButtonBox::ActionRole);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Save and connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(general);
    layout->addWidget(tls);
    layout->addWidget(safety);
    layout->addWidget(m_testResult);
    layout->addWidget(buttons);

    connect(m_uri, &QLineEdit::editingFinished, this, &ConnectionDialog::fillFromConnectionString);
    connect(m_color, &QPushButton::clicked, this, &ConnectionDialog::chooseColor);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_storage, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateStorageNote);
    updateStorageNote();
    resize(560, sizeHint().height());
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::updateStorageNote()
{
    switch (ConnectionProfile::storageFromName(m_storage->currentData().toString())) {
    case ConnectionProfile::PasswordStorage::Keychain:
        m_storageNote->setText(
            tr("Kept by the desktop's keychain (Secret Service, KWallet). Without one, Tusk "
               "says so and you can choose .pgpass."));
        break;
    case ConnectionProfile::PasswordStorage::Pgpass:
        m_storageNote->setText(tr("Written to %1 (mode 0600), where psql and libpq find it too.")
                                   .arg(state::PgpassFile::defaultPath()));
        break;
    case ConnectionProfile::PasswordStorage::None:
        m_storageNote->setText(tr("Not stored: libpq still reads .pgpass; otherwise you are asked."));
        break;
    }
}

void ConnectionDialog::setProfile(const ConnectionProfile &p)
{
    m_profile = p;
    m_name->setText(p.name);
    m_host->setText(p.host);
    m_port->setText(p.port);
    m_database->setText(p.dbname);
    m_user->setText(p.user);
    const int storage = m_storage->findData(ConnectionProfile::storageName(p.passwordStorage));
    m_storage->setCurrentIndex(storage < 0 ? 0 : storage);
    const int ssl = m_sslmode->findText(p.sslmode.isEmpty() ? QStringLiteral("prefer") : p.sslmode);
    m_sslmode->setCurrentIndex(ssl < 0 ? 0 : ssl);
    m_sslrootcert->setText(p.sslrootcert);
    m_sslcert->setText(p.sslcert);
    m_sslkey->setText(p.sslkey);
    m_service->setText(p.service);
    m_options->setText(p.options);
    setColorButton(m_color, p.color);
    m_readOnly->setChecked(p.readOnly);
    m_confirmDestructive->setChecked(p.confirmDestructive);
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p = m_profile;
    p.host = m_host->text().trimmed();
    p.port = m_port->text().trimmed();
    p.dbname = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.passwordStorage = ConnectionProfile::storageFromName(m_storage->currentData().toString());
    p.sslmode = m_sslmode->currentText() == QLatin1String("prefer") ? QString() : m_sslmode->currentText();
    p.sslrootcert = m_sslrootcert->text().trimmed();
    p.sslcert = m_sslcert->text().trimmed();
    p.sslkey = m_sslkey->text().trimmed();
    p.service = m_service->text().trimmed();
    p.options = m_options->text().trimmed();
    p.color = m_color->property("color").toString();
    p.readOnly = m_readOnly->isChecked();
    p.confirmDestructive = m_confirmDestructive->isChecked();
    p.name = m_name->text().trimmed();
    if (p.name.isEmpty())
        p.name = p.toParams().displayName();
    return p;
}

QString ConnectionDialog::password() const
{
    return m_password->text();
}

pg::ConnectionParams ConnectionDialog::connectionParams() const
{
    pg::ConnectionParams params = profile().toParams();
    if (!m_password->text().isEmpty())
        params.set(QStringLiteral("password"), m_password->text());
    return params;
}

void ConnectionDialog::fillFromConnectionString()
{
    const QString text = m_uri->text().trimmed();
    if (text.isEmpty())
        return;
    QString password;
    auto parsed = ConnectionProfile::fromConnectionString(text, &password);
    if (!parsed) {
        m_testResult->setText(QStringLiteral("<span style='color:#d73a49'>%1</span>")
                                  .arg(parsed.error().toString().toHtmlEscaped()));
        return;
    }
    ConnectionProfile p = *parsed;
    p.id = m_profile.id;
    p.color = m_color->property("color").toString();
    p.readOnly = m_readOnly->isChecked();
    p.confirmDestructive = m_confirmDestructive->isChecked();
    p.passwordStorage = ConnectionProfile::storageFromName(m_storage->currentData().toString());
    setProfile(p);
    if (!password.isEmpty())
        m_password->setText(password);
    m_uri->clear(); // the pasted text may hold a password: do not leave it on screen
}

void ConnectionDialog::chooseColor()
{
    const QColor c =
        QColorDialog::getColor(QColor(m_color->property("color").toString()), this, tr("Connection colour"));
    if (c.isValid())
        setColorButton(m_color, c.name());
}

void ConnectionDialog::importService()
{
    QMenu menu(this);
    for (const state::ServiceFile::Service &s : state::ServiceFile::readAll()) {
        menu.addAction(QStringLiteral("%1  (%2)").arg(s.name, s.file), this, [this, s] {
            m_service->setText(s.name);
            if (m_name->text().isEmpty())
                m_name->setText(s.name);
        });
    }
    if (menu.isEmpty())
        menu.addAction(tr("No pg_service.conf found in %1")
                           .arg(state::ServiceFile::searchPaths().join(QStringLiteral(", "))))
            ->setEnabled(false);
    menu.exec(QCursor::pos());
}

void ConnectionDialog::importPgpass()
{
    QMenu menu(this);
    auto entries = state::PgpassFile::read(state::PgpassFile::defaultPath());
    if (entries) {
        for (const state::PgpassFile::Entry &e : *entries) {
            const QString label = QStringLiteral("%1@%2:%3/%4").arg(e.user, e.host, e.port, e.database);
            menu.addAction(label, this, [this, e] {
                auto wildcard = [](const QString &v) { return v == QLatin1String("*") ? QString() : v; };
                m_host->setText(wildcard(e.host));
                m_port->setText(wildcard(e.port));
                m_database->setText(wildcard(e.database));
                m_user->setText(wildcard(e.user));
                m_storage->setCurrentIndex(m_storage->findData(QStringLiteral("pgpass")));
            });
        }
    }
    if (menu.isEmpty())
        menu.addAction(tr("No entries in %1").arg(state::PgpassFile::defaultPath()))->setEnabled(false);
    menu.exec(QCursor::pos());
}

void ConnectionDialog::testConnection()
{
    delete m_testSession;
    m_testSession = new pg::Session(QStringLiteral("tusk-test-connection"), this);
    m_testButton->setEnabled(false);
    m_testResult->setText(tr("Connecting…"));
    connect(m_testSession, &pg::Session::connected, this, [this](const pg::ServerInfo &info) {
        m_testResult->setText(QStringLiteral("<span style='color:#2e8b57'>✔ %1</span>")
                                  .arg(tr("Connected: %1, database %2 as %3")
                                           .arg(info.summary(), info.database, info.user)
                                           .toHtmlEscaped()));
        m_testButton->setEnabled(true);
        m_testSession->disconnectFromServer();
    });
    connect(m_testSession, &pg::Session::connectionFailed, this, [this](const pg::Error &e) {
        m_testResult->setText(QStringLiteral("<span style='color:#d73a49'>✘ %1</span>")
                                  .arg(e.toString().toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"))));
        m_testButton->setEnabled(true);
    });
    m_testSession->connectTo(connectionParams());
}

} // namespace tusk::widgets
