#pragma once

#include <QPalette>

namespace tusk::widgets {

enum class Theme { System, Light, Dark };

/// Tusk's calm light and dark palettes (Fusion style); System follows the desktop's choice.
QPalette paletteFor(Theme theme);
/// Applies style, palette and theme to the application.
void applyTheme(Theme theme);
/// Parses "light", "dark" or "system".
Theme themeFromName(const QString &name);

} // namespace tusk::widgets
