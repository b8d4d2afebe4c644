// UTF-8 helpers for the seed stage: the splitter, the classifier and the elision all walk text
// byte by byte but must count, compare and never cut inside a character.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quire::seed {

// The code point starting at `pos` and its length in bytes; an invalid or truncated sequence
// reads as U+FFFD of length 1, so a walk always advances.
struct CodePoint {
  uint32_t value = 0;
  size_t size = 1;
};
CodePoint decode_at(std::string_view text, size_t pos);

// The start of the code point that ends right before `pos` (pos > 0).
size_t previous_start(std::string_view text, size_t pos);

// Characters (code points) in `text`.
size_t utf8_length(std::string_view text);

inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return is_ascii_upper(c) || is_ascii_lower(c); }
inline bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Letter case beyond ASCII, for the scripts abstracts start sentences with: Latin-1, Latin
// Extended-A (even = upper) and Greek. Anything else is neither.
bool is_upper(uint32_t cp);
bool is_lower(uint32_t cp);

}  // namespace quire::seed
