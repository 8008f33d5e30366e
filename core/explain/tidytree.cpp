#include "explain/tidytree.h"

#include <algorithm>
#include <limits>

namespace tusk::explain {

namespace {

// The algorithm's per-node state; names follow the paper (Buchheim et al., 2002).
class TidyTree
{
public:
    TidyTree(const QVector<QVector<int>> &children, const QVector<double> &widths, double siblingGap,
             double subtreeGap)
        : m_children(children)
        , m_widths(widths)
        , m_siblingGap(siblingGap)
        , m_subtreeGap(subtreeGap)
    {
        const int n = int(children.size());
        m_parent.fill(-1, n);
        m_number.fill(0, n);
        m_prelim.fill(0, n);
        m_mod.fill(0, n);
        m_change.fill(0, n);
        m_shift.fill(0, n);
        m_midpoint.fill(0, n);
        m_thread.fill(-1, n);
        m_ancestor.resize(n);
        for (int v = 0; v < n; ++v) {
            m_ancestor[v] = v;
            for (int i = 0; i < children.at(v).size(); ++i) {
                m_parent[children.at(v).at(i)] = v;
                m_number[children.at(v).at(i)] = i;
            }
        }
    }

    QVector<double> run()
    {
        const int n = int(m_children.size());
        // Children have larger indices than their parent, so descending order visits every node
        // after all of its descendants: the paper's first (post-order) walk without recursion.
        for (int v = n - 1; v >= 0; --v)
            firstWalk(v);
        place(0);
        // Second walk in pre-order: x = prelim + the sum of the ancestors' modifiers.
        QVector<double> modSum(n, 0), x(n, 0);
        double left = std::numeric_limits<double>::max();
        for (int v = 0; v < n; ++v) {
            if (m_parent.at(v) >= 0)
                modSum[v] = modSum.at(m_parent.at(v)) + m_mod.at(m_parent.at(v));
            x[v] = m_prelim.at(v) + modSum.at(v);
            left = std::min(left, x.at(v) - m_widths.at(v) / 2);
        }
        for (double &c : x)
            c -= left;
        return x;
    }

private:
    bool isLeaf(int v) const { return m_children.at(v).isEmpty(); }
    int nextLeft(int v) const { return isLeaf(v) ? m_thread.at(v) : m_children.at(v).first(); }
    int nextRight(int v) const { return isLeaf(v) ? m_thread.at(v) : m_children.at(v).last(); }
    int leftSibling(int v) const
    {
        return m_number.at(v) > 0 ? m_children.at(m_parent.at(v)).at(m_number.at(v) - 1) : -1;
    }
    double distance(int a, int b) const
    {
        const double gap = m_parent.at(a) == m_parent.at(b) ? m_siblingGap : m_subtreeGap;
        return (m_widths.at(a) + m_widths.at(b)) / 2 + gap;
    }

    // The part of the paper's firstWalk(v) that needs v's whole subtree done: fit the children
    // next to each other, then centre v over them.
    void firstWalk(int v)
    {
        if (isLeaf(v))
            return;
        int defaultAncestor = m_children.at(v).first();
        for (int w : m_children.at(v)) {
            place(w);
            defaultAncestor = apportion(w, defaultAncestor);
        }
        executeShifts(v);
        m_midpoint[v] = (m_prelim.at(m_children.at(v).first()) + m_prelim.at(m_children.at(v).last())) / 2;
    }

    // The part of firstWalk(w) that needs w's left sibling placed.
    void place(int w)
    {
        const int l = leftSibling(w);
        if (l < 0) {
            m_prelim[w] = m_midpoint.at(w);
            return;
        }
        m_prelim[w] = m_prelim.at(l) + distance(l, w);
        if (!isLeaf(w))
            m_mod[w] = m_prelim.at(w) - m_midpoint.at(w);
    }

    int apportion(int v, int defaultAncestor)
    {
        const int w = leftSibling(v);
        if (w < 0)
            return defaultAncestor;
        int vir = v, vor = v, vil = w, vol = m_children.at(m_parent.at(v)).first();
        double sir = m_mod.at(vir), sor = m_mod.at(vor), sil = m_mod.at(vil), sol = m_mod.at(vol);
        while (nextRight(vil) >= 0 && nextLeft(vir) >= 0) {
            vil = nextRight(vil);
            vir = nextLeft(vir);
            vol = nextLeft(vol);
            vor = nextRight(vor);
            m_ancestor[vor] = v;
            const double shift = (m_prelim.at(vil) + sil) - (m_prelim.at(vir) + sir) + distance(vil, vir);
            if (shift > 0) {
                moveSubtree(ancestorOf(vil, v, defaultAncestor), v, shift);
                sir += shift;
                sor += shift;
            }
            sil += m_mod.at(vil);
            sir += m_mod.at(vir);
            sol += m_mod.at(vol);
            sor += m_mod.at(vor);
        }
        if (nextRight(vil) >= 0 && nextRight(vor) < 0) {
            m_thread[vor] = nextRight(vil);
            m_mod[vor] += sil - sor;
        }
        if (nextLeft(vir) >= 0 && nextLeft(vol) < 0) {
            m_thread[vol] = nextLeft(vir);
            m_mod[vol] += sir - sol;
            defaultAncestor = v;
        }
        return defaultAncestor;
    }

    int ancestorOf(int vil, int v, int defaultAncestor) const
    {
        const int a = m_ancestor.at(vil);
        return m_parent.at(a) == m_parent.at(v) ? a : defaultAncestor;
    }

    void moveSubtree(int wl, int wr, double shift)
    {
        const double subtrees = m_number.at(wr) - m_number.at(wl);
        m_change[wr] -= shift / subtrees;
        m_shift[wr] += shift;
        m_change[wl] += shift / subtrees;
        m_prelim[wr] += shift;
        m_mod[wr] += shift;
    }

    void executeShifts(int v)
    {
        double shift = 0, change = 0;
        const QVector<int> &kids = m_children.at(v);
        for (auto it = kids.crbegin(); it != kids.crend(); ++it) {
            m_prelim[*it] += shift;
            m_mod[*it] += shift;
            change += m_change.at(*it);
            shift += m_shift.at(*it) + change;
        }
    }

    const QVector<QVector<int>> &m_children;
    const QVector<double> &m_widths;
    const double m_siblingGap;
    const double m_subtreeGap;
    QVector<int> m_parent, m_number, m_thread, m_ancestor;
    QVector<double> m_prelim, m_mod, m_change, m_shift, m_midpoint;
};

} // namespace

QVector<double> tidyTreeCentres(const QVector<QVector<int>> &children, const QVector<double> &widths,
                                double siblingGap, double subtreeGap)
{
    if (children.isEmpty())
        return {};
    return TidyTree(children, widths, siblingGap, subtreeGap).run();
}

} // namespace tusk::explain
