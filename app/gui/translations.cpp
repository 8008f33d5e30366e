#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

QStringList installTranslators(const QLocale &locale)
{
    QStringList loaded;
    // QTranslator::load(locale, …) tries each of locale.uiLanguages() (de_DE, de, …) in order.
    const auto install = [&](const QString &name, const QString &directory) {
        auto *translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, name, QStringLiteral("_"), directory) &&
            QCoreApplication::installTranslator(translator)) {
            loaded << translator->filePath();
            return;
        }
        delete translator;
    };
    const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    install(QStringLiteral("qtbase"), qtTranslations);
    install(QStringLiteral("qscintilla"), qtTranslations);
    // Installed last, so it is asked first (Qt asks the most recent translator first).
    install(QStringLiteral("tusk"), QStringLiteral(":/i18n"));
    return loaded;
}
