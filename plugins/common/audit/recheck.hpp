// Round 3's matcher: finds a quote in a document's pages with a tokenizer and rules of its own,
// unlike verify's word-token ladder, so the two readings can disagree.
//
// Rung 1, "chars": both sides are folded to a character stream — ASCII letters lower-cased,
// ligatures (U+FB00..U+FB06) spelled out, every other ASCII character and every space, dash or
// soft hyphen dropped, other characters kept — and the quote's stream must occur in the whole
// document's stream (so line breaks, hyphenation at a line end and page breaks do not matter).
// Rung 2, "window": whitespace tokens (a token ending in '-' joined to the next), each folded;
// a window of the quote's length whose token-set Jaccard with the quote reaches the threshold,
// and which contains every token of the quote that has a digit — a changed number never matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::audit {

// The folded character stream of `text` (see above).
std::string fold_chars(std::string_view text);

// Whitespace tokens of `text`, hyphenated line ends joined, each folded; empty tokens dropped.
std::vector<std::string> fold_tokens(std::string_view text);

struct Recheck {
  bool found = false;
  std::string method;      // "chars", "window" or "none"
  std::vector<int> pages;  // 1-based pages where the quote starts (chars: every occurrence)
  double score = 0;        // 1 for "chars"; the best window's Jaccard otherwise
};

// Looks for `quote` in `pages` (pages[0] is page 1). `jaccard` is rung 2's threshold.
Recheck recheck_quote(std::string_view quote, const std::vector<std::string>& pages,
                      double jaccard);

}  // namespace quire::audit
