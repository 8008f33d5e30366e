#pragma once

// Test support: build result columns and chunks by hand, as the session would deliver them.

#include "pg/resultchunk.h"

#include <initializer_list>
#include <memory>

namespace tusk::test {

struct ColumnDef
{
    const char *name;
    quint32 typeOid;
    int typeModifier = -1;
};

inline pg::Columns columns(std::initializer_list<ColumnDef> defs)
{
    auto cols = std::make_shared<QVector<pg::Column>>();
    for (const ColumnDef &d : defs) {
        pg::Column c;
        c.name = QString::fromUtf8(d.name);
        c.typeOid = d.typeOid;
        c.typeModifier = d.typeModifier;
        cols->append(c);
    }
    return cols;
}

/// Rows of cells; nullptr is NULL.
inline pg::ResultChunk chunk(int cols, std::initializer_list<std::initializer_list<const char *>> rows)
{
    pg::ResultChunk c(cols);
    for (const auto &row : rows) {
        for (const char *cell : row) {
            if (cell)
                c.appendCell(cell, int(qstrlen(cell)));
            else
                c.appendNull();
        }
        c.finishRow();
    }
    return c;
}

} // namespace tusk::test
