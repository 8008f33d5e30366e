#pragma once

#include <QByteArrayView>

namespace tusk::sql {

/// Whether bytes are well-formed UTF-8 (no overlong forms, surrogates or code points above
/// U+10FFFF), checked without decoding: a script file is checked before it is opened or run.
bool isValidUtf8(QByteArrayView bytes);

} // namespace tusk::sql
