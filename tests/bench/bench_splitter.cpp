// Throughput benchmark for tusk::sql::splitStatements on a ~100 MB realistic script.

#include "sql/splitter.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace {

struct Lcg
{
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    std::uint32_t next()
    {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<std::uint32_t>(state >> 33);
    }
};

void appendNumber(std::string &out, std::uint32_t value)
{
    char buffer[16];
    const int n = std::snprintf(buffer, sizeof buffer, "%u", value);
    out.append(buffer, static_cast<std::size_t>(n));
}

std::string buildScript(std::size_t targetBytes)
{
    static const char *const words[] = {"alpha", "it''s",     "semi;colon", "Zürich",
                                        "naïve", "dollar $1", "--not",      "/*x*/"};
    std::string s;
    s.reserve(targetBytes + 4096);
    Lcg rng;
    std::uint32_t n = 0;
    while (s.size() < targetBytes) {
        ++n;
        switch (rng.next() % 10) {
        case 0:
            s += "-- batch ";
            appendNumber(s, n);
            s += ": load customers; keep ';' in comments\n";
            break;
        case 1:
            s += "CREATE OR REPLACE FUNCTION app.f_";
            appendNumber(s, n);
            s += "(p_id bigint, p_name text)\nRETURNS integer\nLANGUAGE plpgsql AS $$\nDECLARE\n    v "
                 "integer;\n"
                 "BEGIN\n    /* nested /* comment */ ; */\n    SELECT count(*) INTO v FROM app.orders WHERE "
                 "id = p_id;\n"
                 "    RAISE NOTICE 'done; %', p_name;\n    RETURN v;\nEND;\n$$;\n\n";
            break;
        case 2:
            s += "CREATE FUNCTION app.tagged_";
            appendNumber(s, n);
            s += "() RETURNS text LANGUAGE sql AS $body$ SELECT $$a;b$$ || 'x' $body$;\n";
            break;
        case 3:
            s += "CREATE PROCEDURE app.p_";
            appendNumber(s, n);
            s += "(a int) LANGUAGE sql\nBEGIN ATOMIC\n  INSERT INTO app.log VALUES (a, 'p');\n"
                 "  UPDATE app.counter SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;\nEND;\n";
            break;
        case 4:
            s += "UPDATE \"Mixed;Case\".\"t\"\"x\" SET note = E'line\\nbreak \\'quoted\\' ;' WHERE id = ";
            appendNumber(s, n);
            s += ";\n";
            break;
        default: {
            s += "INSERT INTO app.customers (id, name, city, note, score) VALUES (";
            appendNumber(s, n);
            s += ", '";
            s += words[rng.next() % 8];
            s += "', '";
            s += words[rng.next() % 8];
            s += "', E'tab\\there', ";
            appendNumber(s, rng.next() % 100000);
            s += ".";
            appendNumber(s, rng.next() % 100);
            s += ");\n";
            break;
        }
        }
    }
    return s;
}

} // namespace

int main()
{
    const std::string script = buildScript(std::size_t(100) * 1024 * 1024);
    const double megabytes = static_cast<double>(script.size()) / (1024.0 * 1024.0);

    double bestMs = 1e300;
    std::size_t count = 0;
    for (int run = 0; run < 3; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const auto statements = tusk::sql::splitStatements(script);
        const auto stop = std::chrono::steady_clock::now();
        bestMs = std::min(bestMs, std::chrono::duration<double, std::milli>(stop - start).count());
        count = statements.size();
    }

    std::printf("splitter: %.0f MB in %.1f ms = %.0f MB/s (target >= 200 MB/s)\n", megabytes, bestMs,
                megabytes / (bestMs / 1000.0));
    std::printf("statements: %zu\n", count);
    return 0;
}
