#include "sandbox/localcluster.h"
#include "pg/quoting.h"
#include "sandbox/demoschema.h"
#include "sandbox/toolrunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QThread>
#include <QUrl>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace tusk::sandbox {

namespace {

const QString kStateFile = QStringLiteral("sandbox.json");

int freePort(QList<int> &taken)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            continue;
        const int port = probe.serverPort();
        if (!taken.contains(port)) {
            taken << port;
            return port;
        }
    }
    return 0;
}

QString randomPassword()
{
    static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString s;
    for (int i = 0; i < 24; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet - 1))]);
    return s;
}

bool writeFile(const QString &path, const QByteArray &data, QFile::Permissions perms, bool append = false)
{
    QFile f(path);
    if (!f.open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.setPermissions(perms);
    return f.write(data) == data.size();
}

QString makeTempDir(const QString &pattern)
{
    QByteArray tmpl = QFile::encodeName(QDir::tempPath() + u'/' + pattern);
    if (!mkdtemp(tmpl.data()))
        return {};
    return QFile::decodeName(tmpl);
}

QString logTail(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    return QString::fromLocal8Bit(all.right(2000)).trimmed();
}

} // namespace

/// The steps of LocalCluster::up(), with access to its state.
class ClusterBuilder
{
public:
    using Progress = LocalCluster::Progress;
    ClusterBuilder(LocalCluster &c, const Progress &progress)
        : m_c(c)
        , m_progress(progress)
    {
        m_tools.runAs = c.m_runAs;
    }

    Status<QString> initPrimary(int port);
    Status<QString> addReplica(int index, int port);
    Status<QString> loadExtensions();
    Status<QString> waitForReplicas(int count);
    Status<QString> startWorkload();
    void setTakenPorts(QList<int> *taken) { m_taken = taken; }

private:
    /// Starts a node; when its port was taken between choosing and binding it (other processes
    /// pick free ports too), moves it to another free port and tries again.
    Status<QString> startOnFreePort(const QString &name);
    void say(const QString &s)
    {
        if (m_progress)
            m_progress(s);
    }
    QString serverConf(const QString &name, int port) const;

    LocalCluster &m_c;
    Progress m_progress;
    ToolRunner m_tools;
    QList<int> *m_taken = nullptr;
};

Status<QString> ClusterBuilder::startOnFreePort(const QString &name)
{
    for (int attempt = 0;; ++attempt) {
        Status<QString> started = m_c.startNode(name);
        if (started || attempt == 3 || !m_taken)
            return started;
        const QString log = logTail(m_c.node(name).logFile);
        if (!log.contains(QLatin1String("could not bind")) && !log.contains(QLatin1String("already in use")))
            return started;
        const int port = freePort(*m_taken);
        for (SandboxNode &n : m_c.m_nodes) {
            if (n.name == name)
                n.port = port;
        }
        say(QStringLiteral("port taken meanwhile; %1 moves to port %2").arg(name).arg(port));
        // Later lines of postgresql.conf win.
        writeFile(m_c.node(name).dataDir + QStringLiteral("/postgresql.conf"),
                  QStringLiteral("port = %1\n").arg(port).toUtf8(), QFile::ReadOwner | QFile::WriteOwner,
                  true);
    }
}

QString ClusterBuilder::serverConf(const QString &name, int port) const
{
    // Only what this installation has: the npm builds carry contrib (pg_stat_statements), not
    // pg_qualstats.
    QStringList preload;
    for (const char *library : {"pg_stat_statements", "pg_qualstats"}) {
        if (m_c.m_binaries.hasExtension(QLatin1String(library)))
            preload << QLatin1String(library);
    }
    QString conf = QStringLiteral("\n# --- added by Tusk's sandbox ---\n"
                                  "listen_addresses = '127.0.0.1'\n"
                                  "port = %1\n"
                                  "unix_socket_directories = '%2'\n"
                                  "unix_socket_permissions = 0700\n"
                                  "cluster_name = '%3'\n"
                                  "fsync = off\n"
                                  "synchronous_commit = off\n"
                                  "full_page_writes = off\n"
                                  "wal_level = logical\n"
                                  "max_wal_senders = 16\n"
                                  "max_replication_slots = 16\n"
                                  "hot_standby = on\n"
                                  "hot_standby_feedback = on\n"
                                  "shared_buffers = 128MB\n"
                                  "max_connections = 100\n"
                                  "track_io_timing = on\n"
                                  "track_functions = 'all'\n"
                                  "log_line_prefix = '%%m [%%p] %%q%%u@%%d '\n"
                                  "log_lock_waits = on\n"
                                  // The default from 14 on; before, roles got md5 hashes
                                  // that scram-sha-256 authentication refuses.
                                  "password_encryption = 'scram-sha-256'\n"
                                  "shared_preload_libraries = '%4'\n")
                       .arg(port)
                       .arg(m_c.m_socketDir, name, preload.join(u','));
    if (preload.contains(QStringLiteral("pg_qualstats")))
        conf += QStringLiteral("pg_qualstats.sample_rate = 1\n");
    return conf;
}

Status<QString> ClusterBuilder::initPrimary(int port)
{
    SandboxNode n;
    n.name = QStringLiteral("primary");
    n.role = QStringLiteral("primary");
    n.port = port;
    n.dataDir = m_c.m_dataRoot + QStringLiteral("/primary");
    n.logFile = m_c.m_dataRoot + QStringLiteral("/primary.log");

    say(QStringLiteral("initdb %1").arg(n.dataDir));
    const QString pwfile = m_c.m_dataRoot + QStringLiteral("/.pwfile");
    if (!writeFile(pwfile, m_c.m_password.toUtf8() + '\n', QFile::ReadOwner | QFile::WriteOwner))
        return QStringLiteral("cannot write %1").arg(pwfile);
    m_tools.giveToServerUser(pwfile);
    auto init = m_tools.run(m_c.m_binaries.program(QStringLiteral("initdb")),
                            {QStringLiteral("-D"), n.dataDir, QStringLiteral("-U"), m_c.m_superuser,
                             QStringLiteral("--pwfile=") + pwfile, QStringLiteral("--auth-local=trust"),
                             QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("-E"),
                             QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"),
                             QStringLiteral("--no-sync")});
    QFile::remove(pwfile);
    if (!init)
        return init.error();
    if (!writeFile(n.dataDir + QStringLiteral("/postgresql.conf"), serverConf(n.name, port).toUtf8(),
                   QFile::ReadOwner | QFile::WriteOwner, true))
        return QStringLiteral("cannot append to postgresql.conf");
    m_c.m_nodes << n;
    if (auto s = m_c.save(); !s)
        return s;
    say(QStringLiteral("starting primary on port %1").arg(port));
    return startOnFreePort(n.name);
}

Status<QString> ClusterBuilder::addReplica(int index, int port)
{
    const SandboxNode primary = m_c.node(QStringLiteral("primary"));
    SandboxNode n;
    n.name = QStringLiteral("replica%1").arg(index);
    n.role = QStringLiteral("replica");
    n.port = port;
    n.dataDir = m_c.m_dataRoot + u'/' + n.name;
    n.logFile = m_c.m_dataRoot + u'/' + n.name + QStringLiteral(".log");
    say(QStringLiteral("pg_basebackup for %1").arg(n.name));
    auto backup = m_tools.run(m_c.m_binaries.clientProgram(QStringLiteral("pg_basebackup")),
                              {QStringLiteral("-D"), n.dataDir, QStringLiteral("-h"), m_c.m_socketDir,
                               QStringLiteral("-p"), QString::number(primary.port), QStringLiteral("-U"),
                               m_c.m_superuser, QStringLiteral("-R"), QStringLiteral("-C"),
                               QStringLiteral("-S"), n.name, QStringLiteral("-X"), QStringLiteral("stream"),
                               QStringLiteral("-c"), QStringLiteral("fast"), QStringLiteral("--no-sync")});
    if (!backup)
        return backup.error();
    // The copied postgresql.conf ends with the primary's settings; later lines win.
    if (!writeFile(n.dataDir + QStringLiteral("/postgresql.conf"), serverConf(n.name, port).toUtf8(),
                   QFile::ReadOwner | QFile::WriteOwner, true))
        return QStringLiteral("cannot append to %1's postgresql.conf").arg(n.name);
    m_c.m_nodes << n;
    if (auto s = m_c.save(); !s)
        return s;
    say(QStringLiteral("starting %1 on port %2").arg(n.name).arg(port));
    return startOnFreePort(n.name);
}

Status<QString> ClusterBuilder::loadExtensions()
{
    QString sql;
    // initdb before PostgreSQL 14 hashed the superuser's password with md5, which the
    // scram-sha-256 rule for TCP refuses: hash it again now that the server says scram.
    if (m_c.m_binaries.majorVersion < 14)
        sql += QStringLiteral("ALTER ROLE %1 PASSWORD %2;\n")
                   .arg(pg::quoteIdentifier(m_c.m_superuser), pg::quoteLiteral(m_c.m_password));
    for (const char *ext : {"pg_stat_statements", "hypopg", "pg_qualstats"}) {
        if (m_c.m_binaries.hasExtension(QLatin1String(ext)))
            sql += QStringLiteral("CREATE EXTENSION IF NOT EXISTS %1;\n").arg(QLatin1String(ext));
    }
    auto r = m_c.psql(QStringLiteral("primary"), sql);
    if (!r)
        return r.error();
    return {};
}

Status<QString> ClusterBuilder::waitForReplicas(int count)
{
    if (count == 0)
        return {};
    say(QStringLiteral("waiting for %1 replica(s) to stream").arg(count));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 60000) {
        auto r =
            m_c.psql(QStringLiteral("primary"),
                     QStringLiteral("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"));
        if (r && r->trimmed().toInt() >= count)
            return {};
        QThread::msleep(100);
    }
    return QStringLiteral("the replicas did not start streaming within 60 s; see the logs in %1")
        .arg(m_c.m_dataRoot);
}

Status<QString> ClusterBuilder::startWorkload()
{
    const SandboxNode primary = m_c.node(QStringLiteral("primary"));
    const QString script = m_c.m_dataRoot + QStringLiteral("/workload.sql");
    if (!writeFile(script, DemoSchema::workloadScript().toUtf8(), QFile::ReadOwner | QFile::WriteOwner))
        return QStringLiteral("cannot write %1").arg(script);
    QProcess p;
    p.setProgram(m_c.m_binaries.clientProgram(QStringLiteral("pgbench")));
    p.setArguments({QStringLiteral("-n"), QStringLiteral("-c"), QStringLiteral("4"), QStringLiteral("-R"),
                    QStringLiteral("40"), QStringLiteral("-T"), QStringLiteral("604800"),
                    QStringLiteral("-f"), script, QStringLiteral("-h"), m_c.m_socketDir, QStringLiteral("-p"),
                    QString::number(primary.port), QStringLiteral("-U"), m_c.m_superuser,
                    QStringLiteral("postgres")});
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(m_c.m_dataRoot + QStringLiteral("/workload.log"));
    qint64 pid = 0;
    if (!p.startDetached(&pid))
        return QStringLiteral("could not start pgbench for the workload");
    m_c.m_workloadPid = pid;
    return m_c.save();
}

Result<LocalCluster, QString> LocalCluster::up(const SandboxOptions &options, const Progress &progress)
{
    auto binaries = options.postgresMajor > 0 ? tools::PostgresBinaries::find(options.postgresMajor)
                                              : tools::PostgresBinaries::find();
    if (!binaries)
        return binaries.error();
    if (options.replicas < 0 || options.replicas > 8)
        return QStringLiteral("--replicas must be between 0 and 8");
    // A newer pg_basebackup cannot stream from the server, and an older one's -R writes connection
    // options (sslsni, …) that the older server's walreceiver refuses: only its own major will do.
    if (options.replicas > 0 && binaries->clientMajorVersion != binaries->majorVersion)
        return QStringLiteral("replicas of PostgreSQL %1 need its own pg_basebackup; %2 has none and the "
                              "newest other installation's is %3. Start a primary alone.")
            .arg(QString::number(binaries->majorVersion), binaries->binDir,
                 binaries->clientMajorVersion > 0 ? QString::number(binaries->clientMajorVersion)
                                                  : QStringLiteral("unknown"));

    LocalCluster c;
    c.m_dir = QDir(options.dir.isEmpty() ? QDir::tempPath() + QStringLiteral("/tusk-sandbox") : options.dir)
                  .absolutePath();
    c.m_binaries = *binaries;
    c.m_runAs = ToolRunner::defaultServerUser();
    c.m_password = randomPassword();

    QDir dir(c.m_dir);
    if (exists(c.m_dir)) {
        auto old = open(c.m_dir);
        if (old && old->postmasterPid(QStringLiteral("primary")) > 0)
            return QStringLiteral(
                       "a sandbox is already running in %1; stop it with: tusk-cli sandbox down --dir %1")
                .arg(c.m_dir);
        if (old)
            old->down(); // stale state from a crashed run
    }
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return QStringLiteral("%1 exists and is not empty; choose another --dir").arg(c.m_dir);
    if (!dir.mkpath(QStringLiteral(".")))
        return QStringLiteral("cannot create %1").arg(c.m_dir);
    // 0711 when root: the server user may pass through to the data directory, not list it.
    ::chmod(QFile::encodeName(c.m_dir).constData(), c.m_runAs.isEmpty() ? 0700 : 0711);

    ToolRunner tools{c.m_runAs};
    if (!tools.serverUserCanReach(c.m_binaries.binDir))
        return QStringLiteral("the server user %1 cannot reach %2; make its directories traversable "
                              "(packaging/fetch-postgres.sh keeps root's npm builds in /var/cache/tusk)")
            .arg(c.m_runAs, c.m_binaries.binDir);
    c.m_socketDir = makeTempDir(QStringLiteral("tusk-sock-XXXXXX"));
    if (c.m_socketDir.isEmpty())
        return QStringLiteral("cannot create a socket directory in %1").arg(QDir::tempPath());
    // The server user must reach the data directory; root's build trees are often 0700.
    c.m_dataRoot = c.m_dir + QStringLiteral("/data");
    if (!tools.serverUserCanReach(c.m_dir)) {
        c.m_dataRoot = makeTempDir(QStringLiteral("tusk-data-XXXXXX"));
        if (c.m_dataRoot.isEmpty())
            return QStringLiteral("cannot create a data directory in %1").arg(QDir::tempPath());
    } else {
        QDir().mkpath(c.m_dataRoot);
        ::chmod(QFile::encodeName(c.m_dataRoot).constData(), 0700);
    }
    tools.giveToServerUser(c.m_socketDir);
    tools.giveToServerUser(c.m_dataRoot);

    const QByteArray pgpass = QStringLiteral("127.0.0.1:*:*:%1:%2\nlocalhost:*:*:%1:%2\n")
                                  .arg(c.m_superuser, c.m_password)
                                  .toUtf8();
    if (!writeFile(c.passfile(), pgpass, QFile::ReadOwner | QFile::WriteOwner))
        return QStringLiteral("cannot write %1").arg(c.passfile());
    if (auto s = c.save(); !s)
        return s.error();

    QList<int> taken;
    ClusterBuilder builder(c, progress);
    builder.setTakenPorts(&taken);
    auto fail = [&c](const QString &why) -> Result<LocalCluster, QString> {
        c.down();
        return why;
    };
    if (auto s = builder.initPrimary(freePort(taken)); !s)
        return fail(s.error());
    if (auto s = builder.loadExtensions(); !s)
        return fail(s.error());
    for (int i = 1; i <= options.replicas; ++i) {
        if (auto s = builder.addReplica(i, freePort(taken)); !s)
            return fail(s.error());
    }
    if (options.demo) {
        if (progress)
            progress(QStringLiteral("loading the CRM demo schema (~1M rows)"));
        if (auto r = c.psql(QStringLiteral("primary"), DemoSchema::sql()); !r)
            return fail(QStringLiteral("demo schema: ") + r.error());
    }
    if (auto s = builder.waitForReplicas(options.replicas); !s)
        return fail(s.error());
    if (options.workload) {
        if (auto s = builder.startWorkload(); !s)
            return fail(s.error());
    }
    return c;
}

bool LocalCluster::exists(const QString &dir)
{
    return QFile::exists(dir + u'/' + kStateFile);
}

QString LocalCluster::passfile() const
{
    return m_dir + QStringLiteral("/pgpass");
}

QString LocalCluster::password() const
{
    return m_password;
}

SandboxNode LocalCluster::node(const QString &name) const
{
    for (const SandboxNode &n : m_nodes) {
        if (n.name == name)
            return n;
    }
    return {};
}

QJsonObject LocalCluster::toJson() const
{
    QJsonArray nodes;
    for (const SandboxNode &n : m_nodes) {
        nodes.append(QJsonObject{{QStringLiteral("name"), n.name},
                                 {QStringLiteral("role"), n.role},
                                 {QStringLiteral("port"), n.port},
                                 {QStringLiteral("uri"), n.uri},
                                 {QStringLiteral("data_dir"), n.dataDir},
                                 {QStringLiteral("log"), n.logFile}});
    }
    return QJsonObject{{QStringLiteral("dir"), m_dir},
                       {QStringLiteral("postgres_version"), m_binaries.version},
                       {QStringLiteral("passfile"), passfile()},
                       {QStringLiteral("socket_dir"), m_socketDir},
                       {QStringLiteral("nodes"), nodes}};
}

QJsonObject LocalCluster::status() const
{
    QJsonObject o = toJson();
    QJsonArray nodes = o.value(QStringLiteral("nodes")).toArray();
    bool all = true;
    for (int i = 0; i < nodes.size(); ++i) {
        QJsonObject n = nodes[i].toObject();
        const qint64 pid = postmasterPid(n.value(QStringLiteral("name")).toString());
        n.insert(QStringLiteral("running"), pid > 0);
        n.insert(QStringLiteral("pid"), pid);
        all = all && pid > 0;
        nodes[i] = n;
    }
    o.insert(QStringLiteral("nodes"), nodes);
    o.insert(QStringLiteral("running"), all && !nodes.isEmpty());
    return o;
}

Status<QString> LocalCluster::save() const
{
    QJsonObject o = toJson();
    o.insert(QStringLiteral("data_root"), m_dataRoot);
    o.insert(QStringLiteral("run_as"), m_runAs);
    o.insert(QStringLiteral("superuser"), m_superuser);
    o.insert(QStringLiteral("bin_dir"), m_binaries.binDir);
    o.insert(QStringLiteral("client_bin_dir"), m_binaries.clientBinDir);
    o.insert(QStringLiteral("client_major_version"), m_binaries.clientMajorVersion);
    o.insert(QStringLiteral("share_dir"), m_binaries.shareDir);
    o.insert(QStringLiteral("pkg_lib_dir"), m_binaries.pkgLibDir);
    o.insert(QStringLiteral("major_version"), m_binaries.majorVersion);
    o.insert(QStringLiteral("workload_pid"), m_workloadPid);
    o.insert(QStringLiteral("owner_pid"), qint64(::getpid()));
    const QByteArray json = QJsonDocument(o).toJson();
    if (!writeFile(m_dir + u'/' + kStateFile, json, QFile::ReadOwner | QFile::WriteOwner))
        return QStringLiteral("cannot write %1/%2").arg(m_dir, kStateFile);
    return {};
}

Result<LocalCluster, QString> LocalCluster::open(const QString &dirPath)
{
    const QString dir = QDir(dirPath).absolutePath();
    QFile f(dir + u'/' + kStateFile);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("no sandbox in %1 (no %2)").arg(dir, kStateFile);
    QJsonParseError err{};
    const QJsonObject o = QJsonDocument::fromJson(f.readAll(), &err).object();
    if (err.error != QJsonParseError::NoError)
        return QStringLiteral("%1/%2 is damaged: %3").arg(dir, kStateFile, err.errorString());
    LocalCluster c;
    c.m_dir = dir;
    c.m_dataRoot = o.value(QStringLiteral("data_root")).toString();
    c.m_socketDir = o.value(QStringLiteral("socket_dir")).toString();
    c.m_runAs = o.value(QStringLiteral("run_as")).toString();
    c.m_superuser = o.value(QStringLiteral("superuser")).toString();
    c.m_workloadPid = o.value(QStringLiteral("workload_pid")).toInteger();
    c.m_binaries.binDir = o.value(QStringLiteral("bin_dir")).toString();
    c.m_binaries.clientBinDir = o.value(QStringLiteral("client_bin_dir")).toString(c.m_binaries.binDir);
    c.m_binaries.clientMajorVersion = o.value(QStringLiteral("client_major_version")).toInt();
    c.m_binaries.shareDir = o.value(QStringLiteral("share_dir")).toString();
    c.m_binaries.pkgLibDir = o.value(QStringLiteral("pkg_lib_dir")).toString();
    c.m_binaries.majorVersion = o.value(QStringLiteral("major_version")).toInt();
    c.m_binaries.version = o.value(QStringLiteral("postgres_version")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("nodes")).toArray()) {
        const QJsonObject n = v.toObject();
        c.m_nodes << SandboxNode{
            n.value(QStringLiteral("name")).toString(), n.value(QStringLiteral("role")).toString(),
            n.value(QStringLiteral("port")).toInt(),    n.value(QStringLiteral("data_dir")).toString(),
            n.value(QStringLiteral("log")).toString(),  n.value(QStringLiteral("uri")).toString()};
    }
    QFile pass(c.passfile());
    if (pass.open(QIODevice::ReadOnly))
        c.m_password = QString::fromUtf8(pass.readLine()).trimmed().section(u':', 4);
    return c;
}

qint64 LocalCluster::postmasterPid(const QString &name) const
{
    QFile f(node(name).dataDir + QStringLiteral("/postmaster.pid"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const qint64 pid = QString::fromLatin1(f.readLine()).trimmed().toLongLong();
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return 0;
    return pid;
}

Status<QString> LocalCluster::startNode(const QString &name)
{
    SandboxNode n = node(name);
    if (n.name.isEmpty())
        return QStringLiteral("no node %1").arg(name);
    ToolRunner tools{m_runAs};
    auto r = tools.run(m_binaries.program(QStringLiteral("pg_ctl")),
                       {QStringLiteral("-D"), n.dataDir, QStringLiteral("-l"), n.logFile,
                        QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                        QStringLiteral("-s"), QStringLiteral("start")});
    if (!r)
        return r.error() + QStringLiteral("\n--- ") + n.logFile + QStringLiteral(" ---\n") +
               logTail(n.logFile);
    // The URI libpq, psql and Tusk accept as is; the password comes from the passfile.
    const QString uri = QStringLiteral("postgresql://%1@127.0.0.1:%2/postgres?passfile=%3")
                            .arg(m_superuser)
                            .arg(n.port)
                            .arg(QString::fromUtf8(QUrl::toPercentEncoding(passfile(), "/")));
    for (SandboxNode &m : m_nodes) {
        if (m.name == name)
            m.uri = uri;
    }
    return save();
}

Status<QString> LocalCluster::stopNode(const QString &name, const QString &mode)
{
    const SandboxNode n = node(name);
    if (postmasterPid(name) == 0)
        return {};
    ToolRunner tools{m_runAs};
    auto r =
        tools.run(m_binaries.program(QStringLiteral("pg_ctl")),
                  {QStringLiteral("-D"), n.dataDir, QStringLiteral("-m"), mode, QStringLiteral("-w"),
                   QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("-s"), QStringLiteral("stop")},
                  40000);
    if (!r) {
        // A server that does not stop in time is killed: a sandbox must never linger.
        if (const qint64 pid = postmasterPid(name); pid > 0) {
            ::kill(pid_t(pid), SIGKILL);
            QThread::msleep(200);
        }
    }
    return postmasterPid(name) == 0 ? Status<QString>() : Status<QString>(r.error());
}

Result<QString, QString> LocalCluster::psql(const QString &nodeName, const QString &sql,
                                            const QString &database) const
{
    const SandboxNode n = node(nodeName);
    // A file of its own per call (owner-only, removed at the end): several processes (the tests
    // of one ctest run, side by side) run psql on the same sandbox at once.
    QTemporaryFile input(m_dir + QStringLiteral("/.psql-input-XXXXXX.sql"));
    const QByteArray bytes = sql.toUtf8();
    if (!input.open() || input.write(bytes) != bytes.size() || !input.flush())
        return failure(QStringLiteral("cannot write %1").arg(input.fileName()));
    const QString path = input.fileName();
    ToolRunner tools; // psql is a client: it runs as ourselves over the socket (trust)
    auto r = tools.run(m_binaries.clientProgram(QStringLiteral("psql")),
                       {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"),
                        QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"),
                        m_socketDir, QStringLiteral("-p"), QString::number(n.port), QStringLiteral("-U"),
                        m_superuser, QStringLiteral("-d"), database, QStringLiteral("-f"), path},
                       600000);
    return r;
}

Status<QString> LocalCluster::down()
{
    QStringList problems;
    if (m_workloadPid > 0) {
        ::kill(pid_t(m_workloadPid), SIGTERM);
        m_workloadPid = 0;
    }
    // Replicas first, so the primary's walsenders are not waited on.
    for (auto it = m_nodes.crbegin(); it != m_nodes.crend(); ++it) {
        if (auto s = stopNode(it->name, QStringLiteral("fast")); !s)
            problems << s.error();
    }
    // Remove only what the sandbox made, never a directory the user pointed at by mistake.
    if (!m_dataRoot.isEmpty() && QDir(m_dataRoot).exists() && !QDir(m_dataRoot).removeRecursively())
        problems << QStringLiteral("could not remove %1").arg(m_dataRoot);
    if (!m_socketDir.isEmpty() && QDir(m_socketDir).exists())
        QDir(m_socketDir).removeRecursively();
    for (const QString &f : {kStateFile, QStringLiteral("pgpass")})
        QFile::remove(m_dir + u'/' + f);
    const QDir dir(m_dir);
    for (const QString &f : dir.entryList({QStringLiteral(".psql-input*.sql")}, QDir::Files | QDir::Hidden))
        QFile::remove(dir.filePath(f));
    QDir().rmdir(m_dir);
    if (!problems.isEmpty())
        return problems.join(u'\n');
    return {};
}

} // namespace tusk::sandbox
