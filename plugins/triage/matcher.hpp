// Whole-word, case-insensitive phrase matching with automatic spelling variants: the one way
// triage decides that a term occurs in a title or an abstract.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "normalise.hpp"

namespace quire::triage {

// One place a term occurs: tokens [first, first + length) of the text.
struct Occurrence {
  size_t first = 0;
  size_t length = 0;
  std::string surface;  // the matched text as written (normalised), e.g. "long-context", "RoPE"
};

// The spellings of one word that count as the word: itself, its plural and its singular by
// simple English rules ("embedding"/"embeddings", "frequency"/"frequencies", "bias"/"biases",
// "patch"/"patches"). Words shorter than 3 characters or not ending in a letter get no
// variants. Sorted, without duplicates.
std::vector<std::string> word_variants(const std::string& word);

// Matches one term. The term's forms are, for its phrase and each listed variant:
// - the phrase's words, with hyphens, spaces and punctuation alike as separators
//   ("long-context" == "long context");
// - the words joined into one ("longcontext"), when there are several;
// - each of those with the last word replaced by its word_variants().
// The acronym, when given, matches case-sensitively as a whole word, alone or with a plural
// "s" ("RoPE", "RoPEs"; not "rope", not "Europe").
class TermMatcher {
 public:
  TermMatcher() = default;
  // `phrase` and `variants` must each contain at least one word (checked by the caller).
  TermMatcher(std::string_view phrase, std::string acronym,
              const std::vector<std::string>& variants = {});

  // Every occurrence, left to right, without overlaps; at each position the longest form wins.
  std::vector<Occurrence> find(const NormalisedText& text) const;

  // True when `words` (lower-cased, as words() gives them) are one of this matcher's forms, or
  // `text` is its acronym: used to recognise a `required` entry naming a term.
  bool names(const std::vector<std::string>& words, std::string_view text) const;

  // The lower-cased forms, longest first (most words, then alphabetical).
  const std::vector<std::vector<std::string>>& forms() const { return forms_; }
  const std::string& acronym() const { return acronym_; }

 private:
  void add_forms(const std::vector<std::string>& words);
  bool is_acronym(std::string_view word) const;
  // Number of tokens matched at `at` (0 for none), trying the longest form first.
  size_t match_at(const NormalisedText& text, size_t at) const;

  std::vector<std::vector<std::string>> forms_;
  std::string acronym_;
};

}  // namespace quire::triage
