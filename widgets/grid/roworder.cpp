#include "grid/roworder.h"

#include "grid/resultrows.h"
#include "grid/rowfilter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>
#include <string_view>

namespace tusk::widgets {

namespace {

/// A number's sort key: its value as a double, and its text for an exact tie-break.
struct NumberKey
{
    double value;
    bool isNaN;
    std::string_view text;
    quint32 row;
};

struct TextKey
{
    std::string_view text; // char_traits<char> compares as unsigned char: UTF-8 byte order
    quint32 row;
};

bool isExactDecimalType(quint32 oid)
{
    return oid == 20 || oid == 21 || oid == 23 || oid == 26 || oid == 1700; // int8/2/4, oid, numeric
}

double parseNumber(QByteArrayView text, bool *isNaN)
{
    // from_chars reads "NaN", "Infinity" and "-Infinity" as PostgreSQL writes them.
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        // money ("-$1,234.50") and anything unexpected: keep digits, sign and the decimal point.
        std::string digits;
        for (char c : text) {
            if ((c >= '0' && c <= '9') || c == '.' || c == '-')
                digits += c;
        }
        value = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
    }
    *isNaN = std::isnan(value);
    return value;
}

/// Compares two decimal texts without exponents ("-0012.50" vs "12.5") exactly: -1, 0 or 1.
int compareDecimalText(std::string_view a, std::string_view b)
{
    struct Parts
    {
        bool negative = false;
        std::string_view whole;    // without leading zeros
        std::string_view fraction; // without trailing zeros
    };
    const auto split = [](std::string_view s) {
        Parts p;
        if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
            p.negative = s.front() == '-';
            s.remove_prefix(1);
        }
        const size_t dot = s.find('.');
        p.whole = s.substr(0, dot);
        p.fraction = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
        while (!p.whole.empty() && p.whole.front() == '0')
            p.whole.remove_prefix(1);
        while (!p.fraction.empty() && p.fraction.back() == '0')
            p.fraction.remove_suffix(1);
        if (p.whole.empty() && p.fraction.empty())
            p.negative = false; // -0 == 0
        return p;
    };
    const Parts x = split(a);
    const Parts y = split(b);
    if (x.negative != y.negative)
        return x.negative ? -1 : 1;
    int magnitude = 0;
    if (x.whole.size() != y.whole.size())
        magnitude = x.whole.size() < y.whole.size() ? -1 : 1;
    else if (const int c = x.whole.compare(y.whole); c != 0)
        magnitude = c < 0 ? -1 : 1;
    else if (const int f = x.fraction.compare(y.fraction); f != 0)
        magnitude = f < 0 ? -1 : 1;
    return x.negative ? -magnitude : magnitude;
}

template<typename Key, typename Less> void stableSort(std::vector<Key> &keys, Qt::SortOrder order, Less less)
{
    if (order == Qt::AscendingOrder)
        std::stable_sort(keys.begin(), keys.end(), less);
    else
        std::stable_sort(keys.begin(), keys.end(), [&](const Key &a, const Key &b) { return less(b, a); });
}

} // namespace

void sortRows(const ResultRows &rows, int column, Qt::SortOrder order, std::vector<quint32> &subset)
{
    // Keys are read once per row (not once per comparison), NULL rows are set aside so they
    // end up last whichever way the sort goes.
    std::vector<quint32> nulls;
    const pg::Column &meta = rows.column(column);
    size_t out = 0;
    if (meta.isNumeric()) {
        const bool exact = isExactDecimalType(meta.typeOid);
        std::vector<NumberKey> keys;
        keys.reserve(subset.size());
        for (quint32 row : subset) {
            const ResultRows::Location at = rows.locate(row);
            if (at.chunk->isNull(at.row, column)) {
                nulls.push_back(row);
                continue;
            }
            const QByteArrayView b = at.chunk->bytes(at.row, column);
            NumberKey key{0, false, std::string_view(b.data(), size_t(b.size())), row};
            key.value = parseNumber(b, &key.isNaN);
            keys.push_back(key);
        }
        stableSort(keys, order, [exact](const NumberKey &a, const NumberKey &b) {
            if (a.isNaN || b.isNaN)
                return !a.isNaN && b.isNaN;
            if (a.value != b.value)
                return a.value < b.value;
            // Equal as doubles: int8 and numeric may still differ past 15 digits.
            return exact && a.text != b.text && compareDecimalText(a.text, b.text) < 0;
        });
        for (const NumberKey &key : keys)
            subset[out++] = key.row;
    } else {
        std::vector<TextKey> keys;
        keys.reserve(subset.size());
        for (quint32 row : subset) {
            const ResultRows::Location at = rows.locate(row);
            if (at.chunk->isNull(at.row, column)) {
                nulls.push_back(row);
                continue;
            }
            const QByteArrayView b = at.chunk->bytes(at.row, column);
            keys.push_back({std::string_view(b.data(), size_t(b.size())), row});
        }
        stableSort(keys, order, [](const TextKey &a, const TextKey &b) { return a.text < b.text; });
        for (const TextKey &key : keys)
            subset[out++] = key.row;
    }
    std::copy(nulls.begin(), nulls.end(), subset.begin() + qsizetype(out));
}

std::optional<std::vector<quint32>> computeRowOrder(const ResultRows &rows, const RowOrderSpec &spec,
                                                    const std::function<bool()> &isCanceled)
{
    std::vector<quint32> order;
    const RowFilter filter(spec.filter);
    if (filter.isEmpty()) {
        order.resize(size_t(rows.rowCount()));
        std::iota(order.begin(), order.end(), quint32(0));
    } else if (!filter.collect(rows, 0, rows.rowCount(), order, isCanceled)) {
        return std::nullopt;
    }
    if (isCanceled && isCanceled())
        return std::nullopt;
    if (spec.sortColumn >= 0 && spec.sortColumn < rows.columnCount())
        sortRows(rows, spec.sortColumn, spec.order, order);
    if (isCanceled && isCanceled())
        return std::nullopt;
    return order;
}

} // namespace tusk::widgets
