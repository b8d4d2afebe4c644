// Small text helpers shared by the Atom parser, the TeX cleaner and the local query.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quire::arxiv {

// Appends code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(uint32_t cp, std::string* out);

// Collapses every run of ASCII whitespace (space, tab, CR, LF, FF, VT) to one space and
// trims both ends.
std::string collapse_whitespace(std::string_view text);

// Replaces every byte sequence that is not well-formed UTF-8 with U+FFFD, so the text can go
// into JSON.
std::string valid_utf8(std::string_view text);

// Repairs text that was UTF-8, decoded as Latin-1 and encoded to UTF-8 again ("RamÃ­rez" for
// "Ramírez"), as arXiv's 2026 feeds serve some names and abstracts. Each run of characters
// U+00C2..U+00F4 followed by U+0080..U+00BF that spells one well-formed UTF-8 sequence is
// replaced by that character; everything else is kept. Sets `*repaired` when anything changed.
std::string repair_mojibake(std::string_view text, bool* repaired = nullptr);

// Lower-cased ASCII letters and digits with every other ASCII run turned into one space, and
// a space at both ends (" rotary position embedding "); non-ASCII bytes are kept, so words
// with accents stay words. Used for case-insensitive phrase matching on word boundaries.
std::string match_form(std::string_view text);

// True when `phrase` occurs in `text` on word boundaries, ignoring case, punctuation and
// hyphenation; a trailing plural "s"/"es" on the last word also matches ("position
// embedding" finds "position embeddings").
bool phrase_matches(std::string_view text, std::string_view phrase);

}  // namespace quire::arxiv
