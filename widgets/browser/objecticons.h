#pragma once

#include "catalog/catalogobject.h"

#include <QIcon>

namespace tusk::widgets {

/// Tusk's icon for each kind of catalog object (small SVGs under resources/icons, drawn as a
/// mid-tone shape with white detail so they read on light and dark palettes alike).
class ObjectIcons
{
public:
    static QIcon icon(catalog::ObjectKind kind);
    /// The icon of an error row.
    static QIcon error();
};

} // namespace tusk::widgets
