#pragma once

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace tusk {

/// A value or an error, for module boundaries (C++20 has no std::expected).
/// @code
/// Result<int, pg::Error> r = parsePort(text);
/// if (!r) showError(r.error()); else use(*r);
/// @endcode
/// Marks a value as the error of a Result; needed when value and error have the same type.
template<typename E> struct Failure
{
    E error;
};
template<typename E> Failure<E> failure(E error)
{
    return Failure<E>{std::move(error)};
}

template<typename T, typename E> class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(E error) requires(!std::is_same_v<T, E>)
        : m_data(std::in_place_index<1>, std::move(error))
    {}
    Result(Failure<E> f)
        : m_data(std::in_place_index<1>, std::move(f.error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_data); }
    const T &value() const { return std::get<0>(m_data); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    const E &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

/// Result of an operation that yields nothing but may fail.
template<typename E> class Status
{
public:
    Status() = default;
    Status(E error)
        : m_error(std::move(error))
    {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const E &error() const { return *m_error; }

private:
    std::optional<E> m_error;
};

} // namespace tusk
