// Scores one paper against the taxonomy, decides its fit and says why: every number in the
// result comes with the matches that produced it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "matcher.hpp"
#include "taxonomy.hpp"

namespace quire::triage {

// The fields of a papers.json record that triage reads.
struct Paper {
  std::string id;  // versioned, "2104.09864v5"
  std::string base_id;
  int64_t version = 0;  // 0 when the record has none
  std::string title;
  std::string abstract;
  std::vector<std::string> categories;  // cross-lists included
  std::string primary_category;
};

enum class Fit { kInScope, kWeakScope, kOutOfScope };  // best first: the ranking relies on it

// "in-scope", "weak-scope", "out-of-scope".
const char* fit_name(Fit fit);

// One contribution to a paper's score.
struct Reason {
  std::string term;                  // the configured term, excluded term or category
  std::string kind;                  // "term", "generic", "excluded" or "category"
  std::vector<std::string> matched;  // distinct texts found, in order of first appearance
  std::string field;                 // "title", "abstract" or "category"
  double weight = 0.0;               // the term's weight; -excluded_penalty for an excluded term
  int64_t count = 0;                 // occurrences in the field (excluded: title + abstract)
  double contribution = 0.0;         // what it added to the score, rounded to 3 decimals
};

struct Assessment {
  std::string paper_id;
  std::string base_id;
  std::string title;
  double score = 0.0;  // sum of the contributions, rounded to 3 decimals
  Fit fit = Fit::kOutOfScope;
  std::vector<Reason> reasons;  // terms (config order, title before abstract), excluded, categories
  std::vector<std::string> required_matched;  // the required terms found
  std::vector<std::string> missing_required;  // all of `required` when none was found
  std::vector<std::string> excluded;          // the excluded terms found
  std::string explanation;                    // one sentence, computed from the fields above
  int64_t rank = 0;                           // set by rank_and_select()
  bool selected = false;                      // set by rank_and_select()
};

// Repeated matches in one field count with diminishing returns: the k-th occurrence adds a
// quarter of the first, and the factor stops at 2 (reached at 5 occurrences).
double repeat_factor(int64_t count);

class Scorer {
 public:
  explicit Scorer(Taxonomy taxonomy);

  // The paper's reasons, score, fit and explanation (rank and selected are left unset).
  Assessment assess(const Paper& paper) const;

  const Taxonomy& taxonomy() const { return taxonomy_; }

 private:
  void score_terms(const NormalisedText& text, const std::string& field, double field_weight,
                   std::vector<std::vector<Reason>>* per_term) const;
  void check_excluded(const NormalisedText& title, const NormalisedText& abstract,
                      Assessment* a) const;
  void check_categories(const Paper& paper, Assessment* a) const;
  void check_required(const NormalisedText& title, const NormalisedText& abstract,
                      Assessment* a) const;

  Taxonomy taxonomy_;
  std::vector<TermMatcher> terms_;     // parallel to taxonomy_.terms
  std::vector<TermMatcher> required_;  // parallel to taxonomy_.required
  std::vector<TermMatcher> excluded_;  // parallel to taxonomy_.excluded
};

// The fit of a scored paper, and the one-sentence explanation of it (explanation.cpp).
Fit decide_fit(const Assessment& a, const Taxonomy& t);
std::string explain(const Assessment& a, const Taxonomy& t);

}  // namespace quire::triage
