#pragma once

// Test support: records everything a pg::Session emits, for QTRY_* assertions.

#include "pg/session.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

#include <optional>

namespace tusk::test {

class SessionRecorder
{
public:
    explicit SessionRecorder(pg::Session *session)
        : m_session(session)
    {
        m_clock.start();
        using S = pg::Session;
        QObject::connect(session, &S::connected, session, [this](const pg::ServerInfo &i) {
            info = i;
            ++connects;
        });
        QObject::connect(session, &S::connectionFailed, session,
                         [this](const pg::Error &e) { connectError = e; });
        QObject::connect(session, &S::connectionLost, session, [this](const pg::Error &e) { lostError = e; });
        QObject::connect(session, &S::resultStarted, session,
                         [this](quint64, int, const pg::Columns &c) { columns << c; });
        QObject::connect(session, &S::rowsArrived, session, [this](quint64, int, const pg::ResultChunk &c) {
            if (chunks.isEmpty())
                firstRowsAtMs = m_clock.elapsed();
            chunks << c;
            rows += c.rowCount();
        });
        QObject::connect(session, &S::resultCompleted, session,
                         [this](quint64, const pg::ResultSummary &s) { results << s; });
        QObject::connect(session, &S::finished, session, [this](quint64 g, const pg::RequestSummary &s) {
            finishedAtMs = m_clock.elapsed();
            summary = s;
            done << g;
        });
        QObject::connect(session, &S::failed, session, [this](quint64 g, const pg::Error &e) {
            finishedAtMs = m_clock.elapsed();
            error = e;
            errors.insert(g, e);
            done << g;
        });
        QObject::connect(session, &S::noticeReceived, session, [this](const pg::Notice &n) { notices << n; });
        QObject::connect(session, &S::notificationReceived, session,
                         [this](const QString &c, const QString &p, int pid) {
                             notifications << Notification{c, p, pid};
                         });
    }

    struct Notification
    {
        QString channel;
        QString payload;
        int pid = 0;
    };

    /// Forgets the previous request's results and restarts the clock.
    void reset()
    {
        columns.clear();
        chunks.clear();
        results.clear();
        rows = 0;
        summary.reset();
        error.reset();
        firstRowsAtMs = finishedAtMs = -1;
        m_clock.restart();
    }
    bool isDone(quint64 generation) const { return done.contains(generation); }
    /// The text of a cell over all chunks received so far.
    QString cell(qint64 row, int column) const
    {
        for (const pg::ResultChunk &c : chunks) {
            if (row < c.rowCount())
                return c.text(int(row), column);
            row -= c.rowCount();
        }
        return QStringLiteral("<no such row>");
    }

    std::optional<pg::ServerInfo> info;
    int connects = 0;
    std::optional<pg::Error> connectError;
    std::optional<pg::Error> lostError;
    QList<pg::Columns> columns;
    QList<pg::ResultChunk> chunks;
    QList<pg::ResultSummary> results;
    qint64 rows = 0;
    std::optional<pg::RequestSummary> summary;
    std::optional<pg::Error> error;
    QList<pg::Notice> notices;
    QList<Notification> notifications;
    QList<quint64> done;
    QHash<quint64, pg::Error> errors; ///< every failed request's error, by generation (not reset)
    qint64 firstRowsAtMs = -1;
    qint64 finishedAtMs = -1;

private:
    pg::Session *m_session;
    QElapsedTimer m_clock;
};

} // namespace tusk::test
