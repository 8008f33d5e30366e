// libFuzzer target: JsonPlanParser (and PlanAnalysis on what it accepts) on arbitrary bytes.
#include "explain/jsonplanparser.h"
#include "explain/plananalysis.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto plan = tusk::explain::JsonPlanParser::parse(
        QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (plan)
        tusk::explain::PlanAnalysis analysis(*plan);
    return 0;
}
