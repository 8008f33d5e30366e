#pragma once

#include <QStringList>

namespace tusk::sql {

/// The words of a statement in upper case, outside comments, string literals, quoted
/// identifiers and dollar-quoted bodies — enough to tell what a statement does without a
/// parser (`SELECT 'drop table'` has the words SELECT only).
QStringList sqlWords(const QString &statement);

} // namespace tusk::sql
