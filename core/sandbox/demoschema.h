#pragma once

#include <QString>

namespace tusk::sandbox {

/// The demo database: a multi-tenant CRM (tenants, accounts, contacts, deals, activities and a
/// monthly-partitioned events table), about a million rows generated server-side, plus the
/// pgbench script of the light background workload.
struct DemoSchema
{
    static QString sql();
    static QString workloadScript();
};

} // namespace tusk::sandbox
