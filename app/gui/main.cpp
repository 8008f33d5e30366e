#include "common/palettes.h"
#include "hugepagemalloc.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

#include <cstdio>

int main(int argc, char **argv)
{
    reexecWithHugePageMalloc(argv); // before anything is allocated or started
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tusk"));
    QApplication::setOrganizationName(QStringLiteral("Tusk"));
    QApplication::setApplicationVersion(QStringLiteral(TUSK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tusk.svg")));
    QApplication::setDesktopFileName(QStringLiteral("tusk"));
    // The system locale's language (LANG, LC_MESSAGES, LANGUAGE); before anything shows text.
    installTranslators();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Tusk — a PostgreSQL workbench for DBAs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("theme"),
                      QCoreApplication::translate("main", "light, dark or system (default)."),
                      QCoreApplication::translate("main", "theme"), QStringLiteral("system")});
    parser.addPositionalArgument(
        QStringLiteral("CONNINFO"),
        QCoreApplication::translate("main", "Connect at start: URI, key=value string or service=NAME."),
        QStringLiteral("[CONNINFO]"));
    parser.process(app);

    const QString theme =
        parser.isSet(QStringLiteral("theme"))
            ? parser.value(QStringLiteral("theme"))
            : QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString();
    tusk::widgets::applyTheme(tusk::widgets::themeFromName(theme));
    MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        auto params = tusk::pg::ConnectionParams::parse(parser.positionalArguments().first());
        if (!params) {
            std::fprintf(stderr, "tusk: %s\n", params.error().toString().toUtf8().constData());
            return 2;
        }
        window.connectTo(*params);
    }
    return QApplication::exec();
}
