// Text normalisation and word tokens for triage matching. Titles and abstracts arrive as UTF-8
// with whatever dashes, spaces and ligatures the feed used; matching sees one canonical form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire::triage {

// One word of a normalised text: its bytes are text[begin, end); `lower` is its lower-cased
// form, the one terms are compared with.
struct Token {
  size_t begin = 0;
  size_t end = 0;
  std::string lower;
};

struct NormalisedText {
  std::string text;  // case kept, dashes and spaces normalised (see normalise())
  std::vector<Token> tokens;

  // The token's bytes in the normalised text, case kept ("RoPE").
  std::string_view word(size_t index) const;
  // The normalised text from the start of token `first` to the end of token `last`, inclusive
  // ("long-context", "Rotary Position Embeddings").
  std::string_view span(size_t first, size_t last) const;
};

// Normalises UTF-8 text and splits it into words:
// - invisible characters (soft hyphen U+00AD, zero-width joiners, word joiner, BOM) are removed,
//   so "embed<SHY>ding" is one word;
// - every unicode dash or hyphen (U+2010..U+2015, U+2043, U+2212, U+FE58, U+FE63, U+FF0D)
//   becomes "-";
// - every run of whitespace (ASCII, U+00A0, U+2000..U+200B, U+202F, U+205F, U+3000, line and
//   paragraph separators) becomes one space; both ends are trimmed;
// - ligatures U+FB00..U+FB06 are spelled out ("ﬁ" -> "fi");
// - ill-formed UTF-8 becomes U+FFFD, which separates words.
// A word is a maximal run of ASCII letters and digits and non-ASCII characters that are not
// punctuation or symbols (Latin-1 punctuation, U+2000..U+206F, U+2190..U+2BFF, CJK and
// full-width punctuation); everything else (hyphens, apostrophes, brackets, slashes...) is a
// word boundary. Lower-casing covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
NormalisedText normalise(std::string_view utf8);

// The lower-cased words of `utf8`, as normalise() splits them.
std::vector<std::string> words(std::string_view utf8);

}  // namespace quire::triage
