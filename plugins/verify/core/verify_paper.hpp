// The per-paper work of the verify stage: extract one PDF, find each quote in it, and mine its
// results/conclusion sections for further claim sentences. The result is a JSON text (the value
// the stage memoises per paper), so a rerun over the same PDF, quotes and settings replays it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pdf_text.hpp"
#include "quote_match.hpp"

namespace quire::verify {

struct VerifySettings {
  ExtractOptions extract;
  MatchOptions match;
  std::size_t max_mined = 5;  // most mined sentences per paper
};

// The per-paper result as canonical JSON text:
//   {"failure": "" | kind, "message": string, "pages": int,
//    "quotes": {quote: {"method", "score", "page", "section", "boxes"} or
//                      {"method": "none", "candidate": {"page", "text", "score", "reason"}}},
//    "mined": [{"sentence", "page", "section", "boxes", "method", "score"}]}
// `quotes` are the rows' raw source quotes (duplicates allowed). Never throws on a bad PDF: the
// failure is in the result.
[[nodiscard]] std::string verify_paper(std::string_view pdf, const std::vector<std::string>& quotes,
                                       const VerifySettings& settings);

// A heading whose section is mined: it names results, conclusions, a discussion or experiments.
bool is_mined_heading(std::string_view heading);

// A sentence worth mining: it has a number (outside a bracketed citation) or a comparative word
// (outperform, better, worse, higher, lower, improve, reduce, and their forms).
bool is_mineable_sentence(std::string_view sentence);

// Splits words (in reading order) into sentences: a sentence ends at a word ending in ".", "!"
// or "?" (closing quotes or brackets after it allowed) that is not a common abbreviation
// ("e.g.", "et al.", "Fig.", ...). A line-end hyphen before a lower-case word is joined
// ("po-" + "sitional"). Returns, per sentence, the indexes of its first and one-past-last word.
std::vector<std::pair<std::size_t, std::size_t>> split_word_sentences(
    const std::vector<std::string>& words);

}  // namespace quire::verify
