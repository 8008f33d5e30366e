#pragma once

// tusk-cli: what the commands print on stderr, in one way (UTF-8, one line each).

#include <QString>

#include <cstdio>

namespace tusk::cli {

/// An error, notice or message as one UTF-8 line on stderr (errors and notices pass toString()).
inline void printLine(const QString &text)
{
    std::fprintf(stderr, "%s\n", text.toUtf8().constData());
}

} // namespace tusk::cli
