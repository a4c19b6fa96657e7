// SPDX-License-Identifier: GPL-3.0-or-later
// Byte search with two SSE2 anchor bytes, globs over UTF-8, and number parsing for the query language.
#include "querytext.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cdc::stream::querytext {

namespace {

bool equalsAt(const char *at, const Needle &n)
{
    if (!n.caseless)
        return std::memcmp(at, n.bytes.data(), n.bytes.size()) == 0;
    for (std::size_t i = 0; i < n.bytes.size(); ++i) {
        if (lowerAscii(at[i]) != n.bytes[i])
            return false;
    }
    return true;
}

std::size_t utf8Length(char lead)
{
    const auto c = static_cast<unsigned char>(lead);
    return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

} // namespace

std::string lowerAscii(std::string text)
{
    for (char &c : text)
        c = lowerAscii(c);
    return text;
}

// The SIMD scan looks for the first and last bytes that are not quotes (which are everywhere in JSON).
Needle makeNeedle(std::string bytes, bool caseless)
{
    Needle n{caseless ? lowerAscii(std::move(bytes)) : std::move(bytes), caseless};
    const auto first = n.bytes.find_first_not_of('"'), last = n.bytes.find_last_not_of('"');
    n.first = first == std::string::npos ? 0 : first;
    n.second = last == std::string::npos ? n.bytes.size() - std::min<std::size_t>(n.bytes.size(), 1) : last;
    return n;
}

// Two anchor bytes compared 16 positions at a time, candidates verified in full.
bool contains(const char *hay, std::size_t size, const Needle &n)
{
    const std::size_t m = n.bytes.size();
    if (m == 0)
        return true;
    if (size < m)
        return false;
    std::size_t i = 0;
#ifdef __SSE2__
    auto isLetter = [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
    const char a = n.bytes[n.first], b = n.bytes[n.second];
    const __m128i wantA = _mm_set1_epi8(a), wantB = _mm_set1_epi8(b);
    const __m128i foldA = _mm_set1_epi8(n.caseless && isLetter(a) ? 0x20 : 0);
    const __m128i foldB = _mm_set1_epi8(n.caseless && isLetter(b) ? 0x20 : 0);
    for (; i + m + 15 <= size; i += 16) {
        const auto *pa = reinterpret_cast<const __m128i *>(hay + i + n.first);
        const auto *pb = reinterpret_cast<const __m128i *>(hay + i + n.second);
        const __m128i hitA = _mm_cmpeq_epi8(_mm_or_si128(_mm_loadu_si128(pa), foldA), wantA);
        const __m128i hitB = _mm_cmpeq_epi8(_mm_or_si128(_mm_loadu_si128(pb), foldB), wantB);
        for (unsigned bits = unsigned(_mm_movemask_epi8(_mm_and_si128(hitA, hitB))); bits; bits &= bits - 1) {
            if (equalsAt(hay + i + unsigned(__builtin_ctz(bits)), n))
                return true;
        }
    }
#endif
    for (; i + m <= size; ++i) {
        if (equalsAt(hay + i, n))
            return true;
    }
    return false;
}

bool globMatch(std::string_view pattern, std::string_view text)
{
    std::size_t p = 0, t = 0, star = std::string_view::npos, starText = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = ++p;
            starText = t;
        } else if (p < pattern.size() && pattern[p] == '?') {
            ++p;
            t = std::min(text.size(), t + utf8Length(text[t]));
        } else if (p < pattern.size() && pattern[p] == lowerAscii(text[t])) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star;
            starText = std::min(text.size(), starText + utf8Length(text[starText]));
            t = starText;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::optional<Number> parseNumber(std::string_view text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    Number n;
    const char *end = text.data() + text.size();
    if (text.empty())
        return std::nullopt;
    if (auto [at, ec] = std::from_chars(text.data(), end, n.integer); ec == std::errc() && at == end) {
        n.integral = true;
        n.value = double(n.integer);
        return n;
    }
    if (auto [at, ec] = std::from_chars(text.data(), end, n.value); ec == std::errc() && at == end)
        return n;
    return std::nullopt;
}

} // namespace cdc::stream::querytext
