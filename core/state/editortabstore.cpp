#include "state/editortabstore.h"

#include "state/statedatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace tusk::state {

namespace {
QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s; // a null QString would bind as SQL NULL
}
} // namespace

EditorTabStore::EditorTabStore(StateDatabase *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<EditorTab>();
    qRegisterMetaType<QList<EditorTab>>();
}

EditorTabStore::~EditorTabStore() = default;

void EditorTabStore::save(const EditorTab &tab)
{
    m_db->post([tab](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO editor_tabs (id, ord, title, conninfo, file_path, body, "
            "cursor_line, cursor_index, modified, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(tab.id);
        q.addBindValue(tab.order);
        q.addBindValue(nonNull(tab.title));
        q.addBindValue(nonNull(tab.conninfo));
        q.addBindValue(nonNull(tab.filePath));
        q.addBindValue(nonNull(tab.text));
        q.addBindValue(tab.cursorLine);
        q.addBindValue(tab.cursorIndex);
        q.addBindValue(tab.modified ? 1 : 0);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            qWarning("tusk: could not autosave tab %s: %s", qPrintable(tab.title),
                     qPrintable(q.lastError().text()));
    });
}

void EditorTabStore::remove(const QString &id)
{
    m_db->post([id](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM editor_tabs WHERE id = ?"));
        q.addBindValue(id);
        q.exec();
    });
}

void EditorTabStore::loadAll()
{
    m_db->request<QList<EditorTab>>(
        this,
        [](QSqlDatabase &db) {
            QSqlQuery q(db);
            QList<EditorTab> tabs;
            if (!q.exec(QStringLiteral(
                    "SELECT id, ord, title, conninfo, file_path, body, cursor_line, cursor_index, "
                    "modified, saved_at FROM editor_tabs ORDER BY ord, saved_at")))
                return tabs;
            while (q.next()) {
                EditorTab t;
                t.id = q.value(0).toString();
                t.order = q.value(1).toInt();
                t.title = q.value(2).toString();
                t.conninfo = q.value(3).toString();
                t.filePath = q.value(4).toString();
                t.text = q.value(5).toString();
                t.cursorLine = q.value(6).toInt();
                t.cursorIndex = q.value(7).toInt();
                t.modified = q.value(8).toInt() != 0;
                t.savedAt = QDateTime::fromMSecsSinceEpoch(q.value(9).toLongLong());
                tabs << t;
            }
            return tabs;
        },
        [this](const QList<EditorTab> &tabs) { emit loaded(tabs); });
}

void EditorTabStore::flush()
{
    m_db->flush();
}

} // namespace tusk::state
