// SPDX-License-Identifier: GPL-3.0-or-later
// Failure as a value at module boundaries: what went wrong, where, and what to do about it.
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace cdc {

struct Error
{
    QString what;  // one sentence a person understands
    QString where; // file:line:column, property, URL, ... (may be empty)
    QString hint;  // what to do about it (may be empty)

    // "where: what (hint)" in one line, for logs, status bars and the CLI.
    QString toString() const;
};

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace cdc
