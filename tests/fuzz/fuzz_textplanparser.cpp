// libFuzzer target: TextPlanParser (and PlanAnalysis on what it accepts) on arbitrary bytes.
#include "explain/plananalysis.h"
#include "explain/textplanparser.h"

#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto plan = tusk::explain::TextPlanParser::parse(
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (plan)
        tusk::explain::PlanAnalysis analysis(*plan);
    return 0;
}
