// Small text helpers for the dashboard's HTML: escaping, number formatting, base64.
#pragma once

#include <string>
#include <string_view>

namespace quire::draft::dash {

// Escapes & < > " ' so `text` is safe in element content and in quoted attribute values.
std::string escape(std::string_view text);

// `value` with `digits` significant digits in the C locale ("%.*g"); "n/a" for NaN/infinity.
std::string number(double value, int digits = 4);

// Standard base64 (RFC 4648, with padding) of `bytes`.
std::string base64(std::string_view bytes);

// `text` cut to at most `max_chars` bytes at a UTF-8 character boundary, with "…" when cut.
std::string clip(std::string_view text, size_t max_chars);

}  // namespace quire::draft::dash
