#include "plan/plancolors.h"

#include <algorithm>

namespace tusk::widgets::plancolors {

bool isDark(const QPalette &p)
{
    return p.color(QPalette::Base).lightness() < p.color(QPalette::Text).lightness();
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor heatAccent(const QPalette &p, double heat)
{
    // Calm grey-blue for cold nodes, amber in the middle, red for the hottest.
    const bool dark = isDark(p);
    const QColor cold = dark ? QColor(0x5a, 0x67, 0x78) : QColor(0xa9, 0xb6, 0xc6);
    const QColor warm = dark ? QColor(0xd9, 0x9a, 0x2b) : QColor(0xf0, 0xa2, 0x2e);
    const QColor hot = dark ? QColor(0xe0, 0x4f, 0x45) : QColor(0xd6, 0x3a, 0x2f);
    heat = std::clamp(heat, 0.0, 1.0);
    return heat < 0.5 ? mix(cold, warm, heat * 2) : mix(warm, hot, (heat - 0.5) * 2);
}

QColor heatFill(const QPalette &p, double heat)
{
    const QColor base = p.color(QPalette::Base);
    if (heat <= 0.02)
        return base;
    // Dim text (the subject line) stays readable on light fills up to ~40% red; light text
    // on dark fills up to ~50% of a dark red.
    const double strength = isDark(p) ? 0.40 : 0.30;
    return mix(base, heatAccent(p, heat), 0.10 + strength * heat);
}

QColor severity(const QPalette &p, explain::Severity s)
{
    const bool dark = isDark(p);
    switch (s) {
    case explain::Severity::Info:
        return dark ? QColor(0x6c, 0xa6, 0xe8) : QColor(0x1f, 0x6f, 0xc5);
    case explain::Severity::Warning:
        return dark ? QColor(0xe8, 0xa8, 0x38) : QColor(0xc7, 0x7c, 0x02);
    case explain::Severity::Critical:
        return dark ? QColor(0xf0, 0x6a, 0x60) : QColor(0xc6, 0x28, 0x28);
    }
    return p.color(QPalette::Text);
}

QColor faster(const QPalette &p)
{
    return isDark(p) ? QColor(0x4c, 0xb8, 0x6e) : QColor(0x1e, 0x8a, 0x4a);
}

QColor slower(const QPalette &p)
{
    return isDark(p) ? QColor(0xe8, 0x63, 0x5a) : QColor(0xc8, 0x33, 0x2b);
}

QColor added(const QPalette &p)
{
    return isDark(p) ? QColor(0x6c, 0xa6, 0xe8) : QColor(0x2a, 0x6f, 0xc9);
}

QColor removed(const QPalette &p)
{
    return isDark(p) ? QColor(0x8a, 0x90, 0x9a) : QColor(0x8d, 0x94, 0x9e);
}

QColor tintFill(const QPalette &p, const QColor &tint, double strength)
{
    // Small changes get a hint of colour, big ones a clear one; text stays readable on both.
    const double most = isDark(p) ? 0.30 : 0.20;
    return mix(p.color(QPalette::Base), tint, most * (0.3 + 0.7 * std::clamp(strength, 0.0, 1.0)));
}

QColor textOn(const QColor &background)
{
    // Relative luminance (sRGB weights, no gamma: close enough to pick black or white).
    const double y = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return y > 0.55 ? QColor(0x1a, 0x1c, 0x20) : QColor(Qt::white);
}

QColor searchMatch(const QPalette &p)
{
    return isDark(p) ? QColor(0xf2, 0xd0, 0x4b) : QColor(0xd4, 0x9b, 0x00);
}

} // namespace tusk::widgets::plancolors
