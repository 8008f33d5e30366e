#include "browser/objecticons.h"

#include <QColor>
#include <QHash>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace tusk::widgets {

namespace {

/// The icon as a white cut-out: coloured parts turn white, the white details become holes.
/// On a selected row it then reads like the row's (white) text, whatever the highlight colour;
/// Qt's own selected tint would sink a blue icon into a blue highlight.
QPixmap selectedVariant(const QPixmap &normal)
{
    QImage image = normal.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = QColor::fromRgba(qUnpremultiply(line[x]));
            // Whiteness 0 for the saturated fills, 1 for the white details; anti-aliased edges between.
            const double whiteness = std::min({c.redF(), c.greenF(), c.blueF()});
            const double coverage = std::clamp((1.0 - whiteness) / 0.5, 0.0, 1.0);
            const int alpha = int(c.alpha() * coverage + 0.5);
            line[x] = qPremultiply(qRgba(255, 255, 255, alpha));
        }
    }
    QPixmap out = QPixmap::fromImage(image);
    out.setDevicePixelRatio(normal.devicePixelRatio());
    return out;
}

/// Draws the SVG as it is, except on selected rows, where it draws selectedVariant() of it.
class CutoutIconEngine : public QIconEngine
{
public:
    explicit CutoutIconEngine(const QString &path)
        : m_path(path)
        , m_svg(path)
    {}

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        if (mode != QIcon::Selected)
            return m_svg.pixmap(size, mode, state);
        const quint64 key = (quint64(size.width()) << 32) | quint64(size.height());
        auto it = m_selected.find(key);
        if (it == m_selected.end())
            it = m_selected.insert(key, selectedVariant(m_svg.pixmap(size, QIcon::Normal, state)));
        return *it;
    }
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
        painter->drawPixmap(rect, pixmap(rect.size() * dpr, mode, state));
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return m_svg.actualSize(size, mode, state);
    }
    QIconEngine *clone() const override { return new CutoutIconEngine(m_path); }
    QString key() const override { return QStringLiteral("tusk-cutout"); }

private:
    QString m_path;
    QIcon m_svg;
    QHash<quint64, QPixmap> m_selected;
};

QIcon load(const QString &name)
{
    // Built once per kind; the engines render and keep pixmaps per size on demand.
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(
            name, QIcon(new CutoutIconEngine(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"))));
    return *it;
}

} // namespace

QIcon ObjectIcons::icon(catalog::ObjectKind kind)
{
    if (kind == catalog::ObjectKind::Server)
        return {};
    // The files are named after the kind codes ("table.svg", "partitioned_table.svg", …).
    return load(catalog::kindCode(kind));
}

QIcon ObjectIcons::error()
{
    return load(QStringLiteral("error"));
}

} // namespace tusk::widgets
