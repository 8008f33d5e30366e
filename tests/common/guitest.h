#pragma once

// Test support for GUI tests: stable look (Fusion, DejaVu, fixed palette) and screenshots.

#include "common/palettes.h"
#include "state/statedatabase.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QPixmap>
#include <QStandardPaths>
#include <QTest>
#include <QWidget>

namespace tusk::test {

inline void setUpGuiTest()
{
    QStandardPaths::setTestModeEnabled(true);
    // The HiDPI run of a test (TUSK_SCREENSHOT_SUFFIX) may run beside the normal one: it keeps its
    // state file and settings apart (they are named after the application).
    const QString suffix = qEnvironmentVariable("TUSK_SCREENSHOT_SUFFIX");
    if (!suffix.isEmpty() && !QCoreApplication::applicationName().endsWith(suffix))
        QCoreApplication::setApplicationName(QCoreApplication::applicationName() + suffix);
    // Start from an empty local state: no autosaved tabs or history from earlier runs.
    QFile::remove(state::StateDatabase::defaultPath());
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
    widgets::applyTheme(widgets::Theme::Light);
}

/// Saves widget.grab() as <screenshot dir>/<name>.png; returns the path.
inline QString saveScreenshot(QWidget *widget, const QString &name)
{
    QString dir = qEnvironmentVariable("TUSK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QStringLiteral(TUSK_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    // The HiDPI run of a test (QT_SCALE_FACTOR=2) saves next to the normal one with a suffix.
    const QString path =
        dir + u'/' + name + qEnvironmentVariable("TUSK_SCREENSHOT_SUFFIX") + QStringLiteral(".png");
    // Let pending layout requests run first (a label whose text just changed, a new row).
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    // A screenshot nobody can look at is a failed test, not a silent gap.
    const QPixmap shot = widget->grab();
    if (shot.isNull() || !shot.save(path)) {
        QTest::qFail(qPrintable(QStringLiteral("could not save the screenshot %1").arg(path)), __FILE__,
                     __LINE__);
        return {};
    }
    return path;
}

} // namespace tusk::test
