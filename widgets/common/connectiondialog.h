#pragma once

#include "state/connectionprofile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tusk::pg {
class Session;
}

namespace tusk::widgets {

/// Create, edit and test a connection profile: host/port/database/user, TLS mode and files,
/// a service name, a pasted URI, extra options, a colour, and the production switches
/// (read-only sessions, confirm destructive statements). The password is only passed through:
/// the caller stores it where the user chose (keychain or .pgpass) — never in the profile.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setProfile(const state::ConnectionProfile &profile);
    state::ConnectionProfile profile() const;
    QString password() const;
    /// Parameters to connect with now: the profile's plus the typed password, if any.
    pg::ConnectionParams connectionParams() const;

    /// Connects once with the current settings and shows the outcome (used by the Test button).
    void testConnection();
    QLabel *testResult() const { return m_testResult; }

private:
    void fillFromConnectionString();
    void chooseColor();
    void importService();
    void importPgpass();
    void updateStorageNote();

    state::ConnectionProfile m_profile;
    QLineEdit *m_name;
    QLineEdit *m_uri;
    QLineEdit *m_host;
    QLineEdit *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_storage;
    QLabel *m_storageNote;
    QComboBox *m_sslmode;
    QLineEdit *m_sslrootcert;
    QLineEdit *m_sslcert;
    QLineEdit *m_sslkey;
    QLineEdit *m_service;
    QLineEdit *m_options;
    QPushButton *m_color;
    QCheckBox *m_readOnly;
    QCheckBox *m_confirmDestructive;
    QPushButton *m_testButton;
    QLabel *m_testResult;
    pg::Session *m_testSession = nullptr;
};

} // namespace tusk::widgets
