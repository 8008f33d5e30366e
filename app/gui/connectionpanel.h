#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace tusk::pg {
struct ServerInfo;
struct Error;
struct Notice;
} // namespace tusk::pg

/// The shell window's central view until the query tool lands: what Tusk knows about the
/// connected server, and a log of connection events and server notices.
class ConnectionPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionPanel(QWidget *parent = nullptr);

    void showConnecting(const QString &target);
    void showServer(const tusk::pg::ServerInfo &info);
    void showError(const tusk::pg::Error &error);
    void appendLog(const QString &line);

private:
    QLabel *value(const QString &key);

    QLabel *m_title;
    QLabel *m_details; ///< error text; server facts go to the form below
    class QFormLayout *m_facts;
    QWidget *m_factsBox;
    QPlainTextEdit *m_log;
};
