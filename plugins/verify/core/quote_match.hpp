// The quote-matching ladder: finds an evidence quote in a document's text, both given as
// already-normalised word tokens (NFKC, lower-cased, punctuation removed; the document's pages
// concatenated). Pure functions: no I/O, no clock, deterministic (ties go to the earliest
// position).
//
// The rungs, tried in this order; the first that holds wins and is recorded as `method`:
//   exact       the caller found the quote's raw string byte-for-byte in the raw text
//               (MatchOptions::exact_raw) and the quote's tokens occur contiguously and identically
//               in the haystack (which gives the token range).
//   normalised  the quote's tokens occur contiguously and identically in the haystack: equal after
//               normalisation, whatever the raw bytes were (line breaks, ligatures, hyphenation).
//   contiguous  every quote token occurs in order, identically, with nothing between two
//               consecutive ones but at most `max_ignorable_run` haystack tokens that the
//               `ignorable` predicate accepts (citation markers "12", stray glyphs). Only haystack
//               tokens are ever skipped, never quote tokens, so a number the quote states must be
//               in the text; the range starts and ends on quote tokens.
//   fuzzy       set Jaccard of distinct tokens between the quote and a haystack window whose length
//               is within ±20% of the quote's is at least `jaccard`, AND the quote has at least
//               `min_tokens` tokens, AND the longest common subsequence of quote and window covers
//               at least `min_order_share` of the quote's tokens, AND within the window's aligned
//               span (first to last token the quote also has) every quote token containing a digit
//               occurs and the number of negations ("not", "no", "never", "without", "cannot",
//               "nor", "n't" contractions, ...) is the same as in the quote.
//   none        nothing above held; the best window by Jaccard is reported as the candidate with
//               the reason it was not promoted.
// The exact rungs have no minimum length: a three-word quote found verbatim is `normalised`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace quire::verify {

enum class MatchMethod { kExact, kNormalised, kContiguous, kFuzzy, kNone };

// "exact", "normalised", "contiguous", "fuzzy", "none": the spelling written to the ledger.
const char* match_method_name(MatchMethod method);

// The default `ignorable` predicate: a run of one to three ASCII digits (superscript citation
// markers, footnote numbers) or a single character other than "a" and "i" (stray glyphs such as
// accents or daggers split off by the PDF's text layer).
bool is_ignorable_token(std::string_view token);

// True when tokens[i] is a negation: "not", "no", "never", "without", "cannot", "nor", "neither",
// "none", "nobody", "nothing", "nowhere", "nt", a contraction with its apostrophe removed
// ("doesnt", "isnt", "wont", ...), or "t" right after a contraction stem split at the apostrophe
// ("doesn" "t").
bool is_negation(const std::vector<std::string>& tokens, size_t i);

struct MatchOptions {
  double jaccard = 0.6;          // fuzzy: minimum set Jaccard between quote and window
  size_t min_tokens = 8;         // fuzzy: minimum quote length in tokens
  double min_order_share = 0.8;  // fuzzy: minimum LCS(quote, window) / quote tokens
  size_t max_ignorable_run = 3;  // contiguous: most ignorable tokens skipped between two
  bool (*ignorable)(std::string_view) = &is_ignorable_token;  // contiguous: skippable tokens
  // Per call: the caller found the quote's raw string byte-for-byte in the raw text.
  bool exact_raw = false;
};

struct MatchResult {
  MatchMethod method = MatchMethod::kNone;
  double score = 0.0;  // 1.0 for exact, normalised and contiguous; the Jaccard for fuzzy
  size_t begin = 0;    // matched token range [begin, end) in the haystack; empty for none
  size_t end = 0;
  // The best window seen: the match itself when one was found; for none the highest-Jaccard
  // window (earliest on ties), empty when the quote or the haystack is empty.
  size_t candidate_begin = 0;
  size_t candidate_end = 0;
  double candidate_score = 0.0;
  double order_share = 0.0;  // LCS / quote tokens of the candidate when it was checked, else 0
  std::string reason;        // for none: why the candidate was not promoted; else empty
};

// A haystack prepared once for many quotes: tokens interned to dense ids (in order of first
// appearance) with, for each id, its positions. Keeps no reference to the input.
class PreparedHaystack {
 public:
  explicit PreparedHaystack(const std::vector<std::string>& tokens);

  size_t size() const { return ids_.size(); }
  size_t vocabulary() const { return postings_.size(); }
  const std::vector<std::string>& tokens() const { return tokens_; }
  const std::vector<uint32_t>& ids() const { return ids_; }
  // The id of `token`, or kUnknown when the haystack does not contain it.
  uint32_t id_of(const std::string& token) const;
  // Ascending positions of `id` (which must be < vocabulary()).
  const std::vector<uint32_t>& positions(uint32_t id) const { return postings_[id]; }

  static constexpr uint32_t kUnknown = UINT32_MAX;

 private:
  std::vector<std::string> tokens_;
  std::vector<uint32_t> ids_;
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<std::vector<uint32_t>> postings_;
};

// Runs the ladder for one quote. O(n · (0.4 m + 1)) for the fuzzy rung (n haystack tokens, m quote
// tokens), a few LCS checks of O(m²) on the best windows, and near O(n) for the exact rungs.
// Safe to call concurrently on one PreparedHaystack.
MatchResult match_quote(const PreparedHaystack& haystack, const std::vector<std::string>& quote,
                        const MatchOptions& options = {});

// Convenience for a single quote: prepares the haystack and matches.
MatchResult match_quote(const std::vector<std::string>& haystack,
                        const std::vector<std::string>& quote, const MatchOptions& options = {});

}  // namespace quire::verify
