// SPDX-License-Identifier: GPL-3.0-or-later
// The query language's byte-level helpers: ASCII case folding, substring search over event bytes
// (SSE2), globs, and numbers as the query compares them. Pure functions, safe on any thread.
#pragma once

#include <QtGlobal>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cdc::stream::querytext {

inline char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c | 0x20) : c;
}

std::string lowerAscii(std::string text);

// A substring to find: lower-case bytes when caseless (ASCII only; other UTF-8 bytes compare exactly).
struct Needle
{
    std::string bytes;
    bool caseless = false;
    std::size_t first = 0, second = 0; // the two bytes the SIMD scan looks for
};

Needle makeNeedle(std::string bytes, bool caseless);

// Whether `hay` holds the needle's bytes (the empty needle is everywhere).
bool contains(const char *hay, std::size_t size, const Needle &n);

// `*` any run, `?` one character (a UTF-8 sequence); the pattern is lower-case, the text is folded.
bool globMatch(std::string_view pattern, std::string_view text);

struct Number
{
    double value = 0;
    qint64 integer = 0; // also set, to its leading whole part, for some numbers that are not integral
    bool integral = false;
};

// The whole text (trailing whitespace aside) as a number: "42", "-1", "10.50", "1e3"; else nothing.
std::optional<Number> parseNumber(std::string_view text);

} // namespace cdc::stream::querytext
