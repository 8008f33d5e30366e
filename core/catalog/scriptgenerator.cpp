#include "catalog/scriptgenerator.h"

#include "catalog/databaserunners.h"
#include "catalog/queryrunner.h"
#include "catalog/scriptrecipe_p.h"

#include <QCoreApplication>

namespace tusk::catalog {

namespace {

std::optional<scripts::Recipe> createRecipe(const CatalogObject &o, int version)
{
    switch (o.kind) {
    case ObjectKind::Table:
    case ObjectKind::PartitionedTable:
    case ObjectKind::Partition:
    case ObjectKind::ForeignTable:
        return scripts::table(o, version);
    case ObjectKind::View:
        return scripts::view(o);
    case ObjectKind::MaterializedView:
        return scripts::materializedView(o, version);
    case ObjectKind::Index:
        return scripts::index(o);
    case ObjectKind::Sequence:
        return scripts::sequence(o, version);
    case ObjectKind::Function:
    case ObjectKind::Procedure:
        return scripts::routine(o, version);
    case ObjectKind::Aggregate:
        return scripts::aggregate(o);
    case ObjectKind::Type:
        return scripts::type(o, version);
    case ObjectKind::Schema:
        return scripts::schema(o);
    case ObjectKind::Database:
        return scripts::database(o, version);
    case ObjectKind::Role:
        return scripts::role(o, version);
    case ObjectKind::Tablespace:
        return scripts::tablespace(o);
    case ObjectKind::Extension:
        return scripts::extension(o);
    default:
        return std::nullopt;
    }
}

} // namespace

ScriptGenerator::ScriptGenerator(pg::Session *session, QObject *parent)
    : ScriptGenerator(new DatabaseRunners(session), parent)
{
    m_runners->setParent(this);
}

ScriptGenerator::ScriptGenerator(DatabaseRunners *runners, QObject *parent)
    : QObject(parent)
    , m_runners(runners)
{}

ScriptGenerator::~ScriptGenerator() = default;

bool ScriptGenerator::canScriptCreate(const CatalogObject &object)
{
    return object.oid != 0 && createRecipe(object, 0).has_value();
}

bool ScriptGenerator::canScriptSelect(const CatalogObject &object)
{
    return object.oid != 0 && object.isRelation();
}

quint64 ScriptGenerator::scriptCreate(const CatalogObject &object)
{
    return start(object, true);
}

quint64 ScriptGenerator::scriptSelect(const CatalogObject &object)
{
    return start(object, false);
}

quint64 ScriptGenerator::start(const CatalogObject &object, bool create)
{
    const quint64 id = m_nextId++;
    std::optional<scripts::Recipe> recipe;
    if (create && canScriptCreate(object))
        recipe = createRecipe(object, m_runners->serverVersion());
    else if (!create && canScriptSelect(object))
        recipe = scripts::select(object);
    if (!recipe) {
        const pg::Error e = pg::Error::usage(
            QCoreApplication::translate("tusk::catalog", "Cannot script a %1 as %2")
                .arg(kindName(object.kind), create ? QStringLiteral("CREATE") : QStringLiteral("SELECT")));
        // Still asynchronous, as promised.
        QMetaObject::invokeMethod(
            this, [this, id, e] { emit scriptFailed(id, e); }, Qt::QueuedConnection);
        return id;
    }
    // Database-level objects (a database itself, roles, tablespaces) script from the main session.
    const QString database = object.kind == ObjectKind::Database ? QString() : object.database;
    m_runners->runnerFor(database)->run(
        recipe->queries, [this, id, build = recipe->build](const QueryRunner::Outcome &outcome) {
            if (!outcome) {
                emit scriptFailed(id, outcome.error());
                return;
            }
            const scripts::Script script = build(*outcome);
            if (script)
                emit scriptReady(id, *script);
            else
                emit scriptFailed(id, script.error());
        });
    return id;
}

} // namespace tusk::catalog
