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
// Below this scale the card's lines are unreadable: a simplified card or a block instead.
constexpr double kDetailLod = 0.35;
// Below it, a card at least this many device pixels wide is drawn as a simplified card (shape,
// heat, title); a narrower one as a block.
constexpr double kSimplifiedMinWidth = 28;
// The simplified card's title: its line height in device pixels.
constexpr double kSimplifiedTextPixels = 11;
// A block is at least three times this wide and twice as tall, in device pixels.
constexpr double kBlockMinPixels = 2;
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
    const QTransform &t = painter->worldTransform();
    const double sx = std::abs(t.m11());
    const double sy = std::abs(t.m22());
    // The view stretches a very flat plan vertically when it fits it (PlanGraphView::
    // fitToView()): text would be distorted there, so cards are blocks until the scale is even.
    if (std::abs(sx - sy) > 0.01 * std::max(sx, sy)) {
        paintBlock(painter, sx, sy);
        return;
    }
    const double lod = option->levelOfDetailFromTransform(t);
    if (lod >= kDetailLod) {
        paintDetailed(painter);
        return;
    }
    const PlanCard &c = m_scene->card(m_index);
    if (c.rect.width() * lod >= kSimplifiedMinWidth)
        paintSimplified(painter, lod);
    else
        paintBlock(painter, lod, lod);
}

QColor PlanCardItem::blockColour() const
{
    const PlanCard &c = m_scene->card(m_index);
    const QPalette &pal = m_scene->viewPalette();
    if (m_scene->selectedCard() == m_index)
        return pal.color(QPalette::Highlight);
    if (c.matched)
        return plancolors::searchMatch(pal);
    if (c.tint.isValid())
        return c.tint;
    return c.heat > 0.02 ? plancolors::heatAccent(pal, c.heat)
                         : plancolors::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.4);
}

void PlanCardItem::paintBlock(QPainter *painter, double sx, double sy) const
{
    // Far out (a fitted 10,000-card plan is ~0.001×): a block in the heat colour, never smaller
    // than a few device pixels, centred on the card — else cards thinner than a pixel paint
    // nothing and the view looks empty. Blocks that grew overlap their neighbours: the view
    // stacks cards by heat, so the hot ones stay on top.
    const PlanCard &c = m_scene->card(m_index);
    const QColor fill = blockColour();
    painter->setRenderHint(QPainter::Antialiasing, false);
    QRectF r(QPointF(0, 0), c.rect.size());
    const double minWidth = 3 * kBlockMinPixels / sx;
    const double minHeight = 2 * kBlockMinPixels / sy;
    if (r.width() < minWidth || r.height() < minHeight) {
        const QPointF centre = r.center();
        r.setSize(QSizeF(std::max(r.width(), minWidth), std::max(r.height(), minHeight)));
        r.moveCenter(centre);
    } else if (c.groupId >= 0) {
        painter->fillRect(r.translated(2 * kStackOffset, 2 * kStackOffset), fill.darker(130));
    }
    painter->fillRect(r, fill);
}

void PlanCardItem::paintSimplified(QPainter *painter, double lod) const
{
    // In between: the card's shape, heat fill and stripe, and the title alone at a size that
    // can be read (the card's own lines would be a few pixels high).
    const PlanCard &c = m_scene->card(m_index);
    const CardMetrics &m = m_scene->metrics();
    const QPalette &pal = m_scene->viewPalette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QRectF r(QPointF(0, 0), c.rect.size());
    const bool tinted = c.tint.isValid();
    const QColor accent = tinted ? c.tint : plancolors::heatAccent(pal, c.heat);
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (c.groupId >= 0) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(plancolors::mix(base, text, 0.25));
        painter->drawRoundedRect(r.translated(2 * kStackOffset, 2 * kStackOffset), kRadius, kRadius);
    }
    QPen pen(plancolors::mix(base, text, 0.35), 1);
    if (m_scene->selectedCard() == m_index)
        pen = QPen(pal.color(QPalette::Highlight), 2.5);
    else if (c.matched)
        pen = QPen(plancolors::searchMatch(pal), 2.5);
    else if (c.dashed)
        pen = QPen(tinted ? c.tint : pen.color(), 1.5, Qt::DashLine);
    pen.setCosmetic(true); // widths in device pixels, whatever the zoom
    painter->setPen(pen);
    painter->setBrush(tinted ? plancolors::tintFill(pal, c.tint, c.tintStrength)
                             : plancolors::heatFill(pal, c.heat));
    painter->drawRoundedRect(r, kRadius, kRadius);
    const double stripe = std::max(m.stripe, 3 / lod);
    painter->fillRect(QRectF(0.5, 0.5, std::min(stripe, r.width() / 4), r.height() - 1), accent);

    const CardText &t = *c.text;
    const double left = std::min(stripe, r.width() / 4) + m.padding;
    const double inner = r.width() - left - m.padding;
    // One text size on screen for every card (a title scaled to each card's width looked like
    // a ransom note), elided to the card; none when not even a few letters fit.
    const double scale = kSimplifiedTextPixels / (lod * m.lineHeight);
    const double room = inner / scale; // in the unscaled bold font
    const QFontMetricsF fm(m.bold);
    if (t.titleWidth <= 0 || room < 4 * fm.averageCharWidth() ||
        r.height() * lod < 1.5 * kSimplifiedTextPixels)
        return;
    if (t.titleWidth > room && std::abs(room - m_elidedRoom) > 0.5) {
        m_elided = fm.elidedText(t.title, Qt::ElideRight, room);
        m_elidedRoom = room;
    }
    painter->save();
    painter->translate(left, r.height() / 2);
    painter->scale(scale, scale);
    painter->setFont(m.bold);
    painter->setPen(text);
    painter->drawText(QPointF(0, (fm.ascent() - fm.descent()) / 2), t.titleWidth > room ? m_elided : t.title);
    painter->restore();
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
    if (!t.spread.isEmpty()) {
        y += m.lineHeight;
        painter->drawText(QPointF(x, y), t.spread);
    }
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
