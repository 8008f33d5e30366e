#include "plan/plancarditem.h"

#include "plan/plancolors.h"
#include "plan/plangraphscene.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace tusk::widgets {

namespace {
// Below this scale text is unreadable: cards become blocks.
constexpr double kDetailLod = 0.35;
// A folded group is drawn as a stack of cards, offset by this much per sheet.
constexpr double kStackOffset = 4;
constexpr double kRadius = 6;
// Space between a diff tag and the title or the warning badge.
constexpr double kTagGap = 6;

QFont tagFont(const CardMetrics &m)
{
    QFont f = m.bold;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

QColor misestimateColor(const QPalette &pal, const QString &text, double factor)
{
    const double off = std::max(factor, 1 / std::max(factor, 1e-9));
    if (text.isEmpty() || off < 10)
        return plancolors::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.35);
    return plancolors::severity(pal, off >= 1000  ? explain::Severity::Critical
                                     : off >= 100 ? explain::Severity::Warning
                                                  : explain::Severity::Info);
}
} // namespace

namespace {
double arrowLength(double width)
{
    return 5 + width;
}
} // namespace

double edgeWidthForRows(double rows)
{
    return std::clamp(1.0 + std::log10(1.0 + std::max(0.0, rows)), 1.0, 10.0);
}

PlanCardItem::PlanCardItem(const PlanGraphScene *scene, int index)
    : m_scene(scene)
    , m_index(index)
{
    setPos(scene->card(index).rect.topLeft());
    // No caching: a pixmap per card would cost ~100 kB × 10,000 cards.
    setFlag(ItemUsesExtendedStyleOption, false);
}

QRectF PlanCardItem::boundingRect() const
{
    const PlanCard &c = m_scene->card(m_index);
    const double stack = c.groupId >= 0 ? 2 * kStackOffset : 0;
    // Room for the selection outline and the sheets of a folded group.
    return QRectF(QPointF(0, 0), c.rect.size()).adjusted(-2, -2, 2 + stack, 2 + stack);
}

void PlanCardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const PlanCard &c = m_scene->card(m_index);
    const QPalette &pal = m_scene->viewPalette();
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod >= kDetailLod) {
        paintDetailed(painter);
        return;
    }
    QColor fill = c.heat > 0.02 ? plancolors::heatAccent(pal, c.heat)
                                : plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.4);
    if (c.tint.isValid())
        fill = c.tint;
    if (m_scene->selectedCard() == m_index)
        fill = pal.color(QPalette::Highlight);
    else if (c.matched)
        fill = plancolors::searchMatch(pal);
    const QRectF r(QPointF(0, 0), c.rect.size());
    if (c.groupId >= 0)
        painter->fillRect(r.translated(2 * kStackOffset, 2 * kStackOffset), fill.darker(130));
    painter->fillRect(r, fill);
}

void PlanCardItem::paintDetailed(QPainter *painter) const
{
    const PlanCard &c = m_scene->card(m_index);
    const CardMetrics &m = m_scene->metrics();
    const QPalette &pal = m_scene->viewPalette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor border = plancolors::mix(base, text, 0.28);
    const QRectF r(QPointF(0, 0), c.rect.size());
    painter->setRenderHint(QPainter::Antialiasing, true);

    if (c.groupId >= 0) {
        // The sheets behind a folded group say "there are more of these".
        painter->setPen(QPen(border, 1));
        for (int sheet = 2; sheet >= 1; --sheet) {
            painter->setBrush(plancolors::mix(base, text, 0.06 * sheet));
            painter->drawRoundedRect(r.translated(sheet * kStackOffset, sheet * kStackOffset), kRadius,
                                     kRadius);
        }
    }

    QPainterPath outline;
    outline.addRoundedRect(r, kRadius, kRadius);
    const bool tinted = c.tint.isValid();
    const QColor accent = tinted ? c.tint : plancolors::heatAccent(pal, c.heat);
    painter->fillPath(outline, tinted ? plancolors::tintFill(pal, c.tint, c.tintStrength)
                                      : plancolors::heatFill(pal, c.heat));
    painter->save();
    painter->setClipPath(outline);
    painter->fillRect(QRectF(0, 0, m.stripe, r.height()), accent);
    const double barWidth = (r.width() - m.stripe) * std::clamp(c.share, 0.0, 1.0);
    if (barWidth > 0.5)
        painter->fillRect(QRectF(m.stripe, r.height() - m.barHeight, barWidth, m.barHeight),
                          tinted ? c.tint
                          : m_scene->marksActive()
                              // Diff colours only: an unchanged node's share bar stays grey.
                              ? border
                              : plancolors::heatAccent(pal, std::max(c.share, c.heat)));
    painter->restore();

    const bool selected = m_scene->selectedCard() == m_index;
    QPen pen(border, 1);
    if (selected)
        pen = QPen(pal.color(QPalette::Highlight), 2.5);
    else if (c.matched)
        pen = QPen(plancolors::searchMatch(pal), 2.5);
    else if (c.dashed)
        pen = QPen(tinted ? c.tint : border, 1.5, Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(r, kRadius, kRadius);

    // Text, one line each, top to bottom.
    const CardText &t = *c.text;
    const QFontMetricsF fm(m.normal);
    const double x = m.stripe + m.padding;
    double y = m.padding + QFontMetricsF(m.bold).ascent();
    painter->setFont(m.bold);
    painter->setPen(text);
    painter->drawText(QPointF(x, y), t.title);
    painter->setFont(m.normal);
    const QColor dim = plancolors::mix(text, base, 0.38);
    if (!t.subject.isEmpty()) {
        y += m.lineHeight;
        painter->setPen(dim);
        painter->drawText(QPointF(x, y), t.subject);
    }
    y += m.lineHeight;
    painter->setPen(text);
    painter->drawText(QPointF(x, y), t.figures);
    y += m.lineHeight;
    painter->setPen(dim);
    painter->drawText(QPointF(x, y), t.rows);
    if (!t.misestimate.isEmpty()) {
        const double factor = c.nodeId >= 0 ? m_scene->document()->analysis.timing(c.nodeId).misestimate : 1;
        painter->setPen(misestimateColor(pal, t.misestimate, factor));
        painter->drawText(QPointF(x + fm.horizontalAdvance(t.rows + u' '), y), t.misestimate);
    }

    if (!c.tag.isEmpty())
        paintTag(painter, r, c);

    if (c.severity >= 0) {
        // A round badge with "!" in the worst warning's colour, top right.
        const QRectF badge(r.right() - m.padding - m.badge + 2, m.padding - 1, m.badge, m.badge);
        painter->setPen(Qt::NoPen);
        painter->setBrush(plancolors::severity(pal, explain::Severity(c.severity)));
        painter->drawEllipse(badge);
        QFont f = m.bold;
        f.setPointSizeF(f.pointSizeF() * 0.85);
        painter->setFont(f);
        painter->setPen(plancolors::isDark(pal) ? QColor(0x1a, 0x1c, 0x20) : QColor(Qt::white));
        painter->drawText(badge, Qt::AlignCenter, QStringLiteral("!"));
    }
}

double PlanCardItem::tagWidth(const CardMetrics &m, const QString &tag)
{
    const QFontMetricsF fm(tagFont(m));
    return fm.horizontalAdvance(tag) + fm.height() + kTagGap;
}

void PlanCardItem::paintTag(QPainter *painter, const QRectF &card, const PlanCard &c) const
{
    // A pill at the end of the title line (left of a warning badge): the scene made the card
    // wide enough for it, so it never covers text or edges.
    const CardMetrics &m = m_scene->metrics();
    const QPalette &pal = m_scene->viewPalette();
    const QFont font = tagFont(m);
    const QFontMetricsF fm(font);
    const double h = fm.height() + 2;
    const double w = fm.horizontalAdvance(c.tag) + fm.height();
    double right = card.right() - m.padding;
    if (c.severity >= 0)
        right -= m.badge + 4;
    const double centre = m.padding - 1 + m.badge / 2; // the badge's centre line
    const QRectF pill(right - w, centre - h / 2, w, h);
    const QColor bg = c.tint.isValid()
                          ? c.tint
                          : plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.45);
    painter->setPen(Qt::NoPen);
    painter->setBrush(bg);
    painter->drawRoundedRect(pill, h / 2, h / 2);
    painter->setFont(font);
    painter->setPen(plancolors::textOn(bg));
    painter->drawText(pill, Qt::AlignCenter, c.tag);
}

PlanEdgesItem::PlanEdgesItem(const PlanGraphScene *scene)
    : m_scene(scene)
{
    setFlag(ItemUsesExtendedStyleOption, true);
    setZValue(-1);
}

void PlanEdgesItem::add(const QPointF &a, const QPointF &b, double width)
{
    // A child straight below its parent has no horizontal part; a zero-length line with square
    // caps would paint a knob on the trunk.
    if (a == b)
        return;
    Segment seg{QLineF(a, b), width, QRectF(a, b).normalized().adjusted(-width, -width, width, width)};
    m_bounds |= seg.bounds;
    m_segments << seg;
}

void PlanEdgesItem::rebuild()
{
    prepareGeometryChange();
    m_segments.clear();
    m_arrows.clear();
    m_bounds = QRectF();
    const auto &cards = m_scene->cards();
    m_segments.reserve(cards.size() * 2);
    QVector<double> widest(cards.size(), 0);
    QVector<double> trunkTop(cards.size(), 0);
    for (const PlanCard &c : cards) {
        if (c.parent < 0)
            continue;
        const QRectF &p = cards.at(c.parent).rect;
        const double width = edgeWidthForRows(c.rowsOut);
        // Half way between the parent's level and this one (levels are aligned at their top).
        const double midY = c.rect.top() - (c.rect.top() - p.bottom()) / 2;
        add(QPointF(c.rect.center().x(), c.rect.top()), QPointF(c.rect.center().x(), midY), width);
        add(QPointF(c.rect.center().x(), midY), QPointF(p.center().x(), midY), width);
        widest[c.parent] = std::max(widest.at(c.parent), width);
        trunkTop[c.parent] = midY;
    }
    // One trunk per parent, as wide as its widest input.
    for (int i = 0; i < cards.size(); ++i) {
        if (widest.at(i) <= 0)
            continue;
        const QRectF &p = cards.at(i).rect;
        // The trunk stops short of the card; the arrowhead fills the rest.
        const double head = arrowLength(widest.at(i));
        add(QPointF(p.center().x(), trunkTop.at(i)), QPointF(p.center().x(), p.bottom() + head),
            widest.at(i));
        m_arrows << qMakePair(QPointF(p.center().x(), p.bottom()), widest.at(i));
    }
}

void PlanEdgesItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette &pal = m_scene->viewPalette();
    const QColor colour = plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.35);
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF exposed = option->exposedRect;
    const bool detailed = lod >= kDetailLod;
    // Zoomed out: hairlines without antialiasing — there may be thousands.
    painter->setRenderHint(QPainter::Antialiasing, detailed);
    double penWidth = -1;
    for (const Segment &s : m_segments) {
        if (!s.bounds.intersects(exposed))
            continue;
        const double w = detailed ? s.width : 0;
        if (w != penWidth) {
            // Square caps fill the elbow's corners; the overshoot at a child hides under its card.
            painter->setPen(QPen(colour, w, Qt::SolidLine, Qt::SquareCap));
            penWidth = w;
        }
        painter->drawLine(s.line);
    }
    if (!detailed)
        return;
    // Arrowheads into the parents: rows flow up.
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    for (const auto &[tip, width] : m_arrows) {
        const double length = arrowLength(width);
        const double half = width / 2 + length * 0.6;
        if (!exposed.intersects(QRectF(tip.x() - half, tip.y(), 2 * half, length)))
            continue;
        const QPointF head[] = {tip, QPointF(tip.x() - half, tip.y() + length),
                                QPointF(tip.x() + half, tip.y() + length)};
        painter->drawPolygon(head, 3);
    }
}

} // namespace tusk::widgets
