#pragma once

#include "explain/jsonplanparser.h"
#include "explain/plan.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace tusk::explain {

/// EXPLAIN output formats (EXPLAIN (FORMAT …)); Auto guesses from the text.
enum class PlanFormat { Auto, Json, Text, Yaml, Xml };

/// The one entry point for a plan from a file, stdin or the clipboard: decodes the bytes once
/// (UTF-8, UTF-16 with a BOM; see decodePlanBytes()), picks the format and hands the text to its
/// parser.
/// @code
/// const auto plan = PlanReader::read(file.readAll()); // any format PostgreSQL prints
/// @endcode
class PlanReader
{
public:
    static Result<Plan, ParseError> read(const QByteArray &bytes, PlanFormat format = PlanFormat::Auto);
    static Result<Plan, ParseError> read(const QString &text, PlanFormat format = PlanFormat::Auto);

    /// JSON when the first meaningful character after unwrapping a psql frame is '[' or '{';
    /// XML when the text holds `<explain` or `<Plan`; YAML when a line is `- Plan:` or
    /// `Node Type: …`; TEXT otherwise (also for text that is no plan at all, whose parser then
    /// says so).
    static PlanFormat detect(const QString &text);

    /// "json", "text", … (lower case, as the command line spells them); Auto → "auto".
    static QString formatName(PlanFormat format);
    /// The inverse of formatName(); false for an unknown name.
    static bool formatFromName(const QString &name, PlanFormat *format);
};

} // namespace tusk::explain
