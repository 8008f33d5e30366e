#pragma once

#include <QLocale>
#include <QStringList>

/// Installs the translators for locale on the application: Qt's own (qtbase_<lang>.qm, when
/// qt6-translations-l10n put it in QLibraryInfo's translations path), QScintilla's (its editor
/// context menu), and Tusk's, compiled in as :/i18n/tusk_<lang>.qm. Call it after the
/// QApplication exists and before any window or command-line help is built: a tr() result does
/// not change later. The translators belong to the application. Returns the files loaded.
QStringList installTranslators(const QLocale &locale = QLocale());
