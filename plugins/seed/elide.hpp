// Shortening a long sentence into a claim without ever hiding that it was shortened.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quire::seed {

// The elision mark between the kept beginning and the kept end of a sentence.
inline constexpr std::string_view kElisionMark = " [\xE2\x80\xA6] ";  // " […] "

struct Claim {
  std::string text;     // the whole sentence, or its elided form
  bool elided = false;  // true when `text` is shorter than the sentence
};

// A sentence of at most `max_chars` characters (code points) is the claim as it is. A longer
// one keeps a beginning and an end of the sentence joined by kElisionMark, the cuts chosen to
// keep the most text within `max_chars` (ties: the longer beginning), in tiers: both cuts at
// clause boundaries (after ',', ';', ':', around " — ", " – ", "(...)"); else one at a clause
// boundary and one between words; else both between words. A tier is taken when it keeps at
// least half of `max_chars`, else the best of all tiers is. When no end fits at all (one
// enormous last word), the claim is the longest beginning that fits followed by " […]". The
// result is never longer than `max_chars` (which must be at least 16) and an elided claim
// always contains the mark.
Claim elide(std::string_view sentence, size_t max_chars);

}  // namespace quire::seed
