#pragma once

#include <QByteArray>
#include <QString>

namespace tusk::explain {

/// Text of a plan file or clipboard bytes: UTF-16 LE or BE when a BOM says so (Windows tools
/// save plans that way), or when every other byte of the start is zero; UTF-8 otherwise (a UTF-8
/// BOM is dropped).
QString decodePlanBytes(const QByteArray &bytes);

} // namespace tusk::explain
