// Turns extracted PDF pages, and quotes, into the same stream of word tokens, so that a quote can
// be found as a token sequence whatever the PDF did to spacing, ligatures, case and hyphens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pdf_text.hpp"

namespace quire::verify {

// One matchable word: letters and digits only, NFKC case-folded. `page` is 1-based; `word` indexes
// PdfPage::words of that page, and `word_count` says how many consecutive words the token was made
// from (a hyphenated word across a line break spans 2, a letter-spaced "R O F O R M E R" spans 8),
// so a token range maps back to boxes. One word can give several tokens ("key-value": 2).
struct Token {
  std::string text;
  int page = 0;
  int word = 0;
  int word_count = 1;
};

// The rules, in order, per page (all built from the words and their boxes, never a re-split page
// string):
//  1. the arXiv margin stamp on page 1 ("arXiv:NNNN.NNNNNvN [cs.XX] DD Mon YYYY") is dropped;
//  2. superscript markers (digits in a smaller box raised above the baseline, right after a word
//     that does not end in a digit: "al.^66") are dropped; "10^3" keeps its 3;
//  3. fragments of one word that poppler split at a font change (small caps "R"+"O"+"F"+"ORMER",
//     no visible gap) are joined, and so are runs of single letters set with letter spacing;
//  4. a hyphen at a line end joins the two halves ("po-" + "sitional" -> "positional"), unless
//     the first half is itself a compound ("state-of-the-" + "art"), the second half starts with
//     a capital or digit, or the paper writes "X-y" elsewhere on a line and never "Xy";
//  5. NFKC with case folding (U+FB01 -> "fi"; soft hyphens vanish), then every run of letters and
//     digits is a token: punctuation, quotes and dashes only separate tokens.
[[nodiscard]] std::vector<Token> normalise_pages(const std::vector<PdfPage>& pages);

// The same text rules applied to a quote: NFKC, case folding, "po- sitional" joined, tokens.
[[nodiscard]] std::vector<std::string> normalise_quote(const std::string& quote);

// NFKC with case folding of UTF-8 text (invalid bytes become U+FFFD).
[[nodiscard]] std::string fold_text(std::string_view text);

}  // namespace quire::verify
