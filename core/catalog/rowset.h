#pragma once

#include "pg/rowset.h"

namespace tusk::catalog {

/// Catalog code reads its results as the pg::RowSet that Session::query()/queryBatch() deliver.
using RowSet = pg::RowSet;

} // namespace tusk::catalog
