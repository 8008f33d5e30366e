#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>

namespace tusk::state {

class StateDatabase;

/// What Tusk keeps of an editor tab so that it survives a crash or a restart.
struct EditorTab
{
    QString id;    ///< stable id (a UUID) of the tab
    int order = 0; ///< position among the tabs
    QString title;
    QString conninfo; ///< connection without password (ConnectionParams::toConninfo minus password)
    QString filePath; ///< the .sql file it belongs to, if any
    QString text;
    int cursorLine = 0;
    int cursorIndex = 0;
    bool modified = false; ///< differs from filePath's content (or never saved)
    QDateTime savedAt;
};

/// Autosaved editor tabs in the local SQLite state. Writes go to a background thread; the
/// editor calls save() every few seconds while text changes, and remove() when a tab is closed.
class EditorTabStore : public QObject
{
    Q_OBJECT
public:
    /// Reads and writes through `db`, which must outlive this store.
    explicit EditorTabStore(StateDatabase *db, QObject *parent = nullptr);
    ~EditorTabStore() override;

    void save(const EditorTab &tab);
    void remove(const QString &id);
    /// Answers with loaded(tabs), ordered.
    void loadAll();
    void flush();

signals:
    void loaded(const QList<tusk::state::EditorTab> &tabs);

private:
    StateDatabase *m_db; ///< shared, not owned
};

} // namespace tusk::state

Q_DECLARE_METATYPE(tusk::state::EditorTab)
