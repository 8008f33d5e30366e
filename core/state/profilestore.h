#pragma once

#include "state/connectionprofile.h"

#include <QList>
#include <QObject>

namespace tusk::state {

class StateDatabase;

/// Connection profiles in the local SQLite state (no passwords). Asynchronous like the other
/// stores: loadAll() answers with loaded().
class ProfileStore : public QObject
{
    Q_OBJECT
public:
    /// Reads and writes through `db`, which must outlive this store.
    explicit ProfileStore(StateDatabase *db, QObject *parent = nullptr);
    ~ProfileStore() override;

    void save(const ConnectionProfile &profile);
    void remove(const QString &id);
    void loadAll();
    void flush();

signals:
    void loaded(const QList<tusk::state::ConnectionProfile> &profiles);

private:
    StateDatabase *m_db; ///< shared, not owned
};

} // namespace tusk::state
