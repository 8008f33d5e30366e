#pragma once

#include "explain/planmetrics.h"
#include "plan/plandocument.h"

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QVector>

namespace tusk::widgets {

/// The text lines of one card, already elided to its width, and the card's size.
struct CardText
{
    QString title;
    QString subject; ///< May be empty (no line then).
    QString figures; ///< "12.3 ms · 45%" or "cost 1,234".
    QString spread;  ///< A folded group's per-member range ("each 0.19–0.25 ms · 500 rows"); may be empty.
    QString rows;    ///< "1,234 rows of 10 · 3 loops".
    QString misestimate; ///< "↑ 123×", drawn after rows in the severity colour.
    QSizeF size;
    double titleWidth = 0; ///< The title's width in the bold font (the simplified card scales it to fit).
};

/// Card geometry constants shared by the builder and the painter.
struct CardMetrics
{
    explicit CardMetrics(const QFont &font);
    QFont normal;
    QFont bold;
    double lineHeight = 0;
    double padding = 8;
    double stripe = 5;    ///< Heat stripe on the left.
    double barHeight = 4; ///< Share bar at the bottom.
    double badge = 16;    ///< Warning badge diameter.
    double minWidth = 150;
    double maxWidth = 300;
};

/// Width of text as the sum of its characters' advances, cached per character: shaping every
/// line of 10,000 cards with HarfBuzz costs ~15 µs a card. Kerning and ligatures only make real
/// text narrower, so the estimate errs on the roomy side (never clips); text with surrogates or
/// combining marks is measured for real.
class TextWidths
{
public:
    explicit TextWidths(const QFont &font);
    double width(const QString &text);
    const QFontMetricsF &metrics() const { return m_metrics; }

private:
    QFontMetricsF m_metrics;
    QVector<double> m_advances; ///< By UTF-16 unit below kCached; < 0 until measured.
    QHash<char16_t, double> m_others;
};

/// Texts and sizes of node and group cards, measured on first use and kept (a folded
/// 10,000-node plan shows ~200 cards: only those are measured). References stay valid for the
/// object's life.
class CardTexts
{
public:
    CardTexts() = default;
    CardTexts(const PlanDocument *doc, const CardMetrics &metrics);

    const CardText &node(int nodeId) const;
    const CardText &group(int groupId) const;

private:
    const PlanDocument *m_doc = nullptr;
    CardMetrics m_metrics{QFont()};
    mutable TextWidths m_normalWidths{QFont()};
    mutable TextWidths m_boldWidths{QFont()};
    mutable QVector<CardText> m_nodes;
    mutable QVector<CardText> m_groups;
};

/// The second line of a folded group's card: the names it spans ("over orders_p0 … orders_p1997"),
/// the table all members read, or how many identical subtrees it holds.
QString groupSubject(const explain::FoldGroup &g);

/// One card on the canvas, as the painter needs it.
struct PlanCard
{
    int nodeId = -1;
    int groupId = -1;
    int parent = -1; ///< Card index.
    QRectF rect;     ///< Scene coordinates.
    const CardText *text = nullptr;
    double heat = 0;
    double share = 0;
    double rowsOut = 0; ///< Rows handed to the parent (edge width).
    int severity = -1;  ///< Worst warning (explain::Severity), -1 for none.
    bool matched = false;
    /// Set by PlanGraphScene::setNodeMarks() (the plan diff): replaces the heat colour when
    /// valid, a short tag ("−18 ms", "added") at the end of the title line, a dashed outline.
    QColor tint;
    double tintStrength = 1; ///< 0..1: how strongly the fill shows the tint.
    QString tag;
    bool dashed = false;
    QString note; ///< A line for the tool tip.
};

} // namespace tusk::widgets
