#include "scoring.hpp"

#include <algorithm>

#include "numbers.hpp"

namespace quire::triage {
namespace {

struct Claim {  // an occurrence of term `term` competing for its tokens
  Occurrence at;
  size_t term = 0;
};

void add_distinct(std::vector<std::string>* list, const std::string& value) {
  if (std::find(list->begin(), list->end(), value) == list->end()) list->push_back(value);
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// A category key matches a paper category equal to it, ignoring case; a key without a dot is
// an archive and matches all of its categories ("cs" matches "cs.CL").
bool category_matches(const std::string& key, const std::string& category) {
  std::string k = ascii_lower(key), c = ascii_lower(category);
  if (k == c) return true;
  return k.find('.') == std::string::npos && c.size() > k.size() &&
         c.compare(0, k.size(), k) == 0 && c[k.size()] == '.';
}

bool found_in(const TermMatcher& m, const NormalisedText& title, const NormalisedText& abstract) {
  return !m.find(title).empty() || !m.find(abstract).empty();
}

}  // namespace

const char* fit_name(Fit fit) {
  switch (fit) {
    case Fit::kInScope:
      return "in-scope";
    case Fit::kWeakScope:
      return "weak-scope";
    case Fit::kOutOfScope:
      break;
  }
  return "out-of-scope";
}

double repeat_factor(int64_t count) {
  if (count <= 0) return 0.0;
  return std::min(1.0 + 0.25 * static_cast<double>(count - 1), 2.0);
}

Scorer::Scorer(Taxonomy taxonomy) : taxonomy_(std::move(taxonomy)) {
  for (const auto& t : taxonomy_.terms) terms_.emplace_back(t.term, t.acronym, t.variants);
  for (const auto& r : taxonomy_.excluded) excluded_.emplace_back(r, "");
  // A required entry that names a configured term (its phrase, a variant or its acronym) uses
  // that term's matcher, so the term's acronym and variants satisfy it too.
  for (const auto& r : taxonomy_.required) {
    std::vector<std::string> r_words = words(r);
    auto named = std::find_if(terms_.begin(), terms_.end(),
                              [&](const TermMatcher& m) { return m.names(r_words, r); });
    required_.push_back(named != terms_.end() ? *named : TermMatcher(r, ""));
  }
}

// Longest match wins across terms: a span inside a longer matched phrase is not counted again,
// so "rotary positional encoding" credits that term and not the generic "positional encoding".
void Scorer::score_terms(const NormalisedText& text, const std::string& field, double field_weight,
                         std::vector<std::vector<Reason>>* per_term) const {
  std::vector<Claim> claims;
  for (size_t i = 0; i < terms_.size(); ++i)
    for (auto& at : terms_[i].find(text)) claims.push_back({std::move(at), i});
  std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    if (a.at.length != b.at.length) return a.at.length > b.at.length;
    return a.at.first != b.at.first ? a.at.first < b.at.first : a.term < b.term;
  });
  std::vector<bool> taken(text.tokens.size(), false);
  std::vector<Claim> won;
  for (auto& claim : claims) {
    auto begin = taken.begin() + claim.at.first, end = begin + claim.at.length;
    if (std::find(begin, end, true) != end) continue;
    std::fill(begin, end, true);
    won.push_back(std::move(claim));
  }
  std::sort(won.begin(), won.end(),
            [](const Claim& a, const Claim& b) { return a.at.first < b.at.first; });
  std::vector<Reason> reasons(terms_.size());
  for (const auto& claim : won) {
    Reason& r = reasons[claim.term];
    ++r.count;
    add_distinct(&r.matched, claim.at.surface);
  }
  for (size_t i = 0; i < terms_.size(); ++i) {
    Reason& r = reasons[i];
    if (r.count == 0) continue;
    const TermSpec& spec = taxonomy_.terms[i];
    r.term = spec.term;
    r.kind = spec.generic ? "generic" : "term";
    r.field = field;
    r.weight = spec.weight;
    r.contribution = round3(spec.weight * field_weight * repeat_factor(r.count));
    (*per_term)[i].push_back(std::move(r));
  }
}

void Scorer::check_excluded(const NormalisedText& title, const NormalisedText& abstract,
                            Assessment* a) const {
  for (size_t i = 0; i < excluded_.size(); ++i) {
    auto in_title = excluded_[i].find(title), in_abstract = excluded_[i].find(abstract);
    if (in_title.empty() && in_abstract.empty()) continue;
    Reason r;
    r.term = taxonomy_.excluded[i];
    r.kind = "excluded";
    r.field = in_title.empty() ? "abstract" : "title";
    for (const auto* list : {&in_title, &in_abstract})
      for (const auto& at : *list) add_distinct(&r.matched, at.surface);
    r.count = static_cast<int64_t>(in_title.size() + in_abstract.size());
    r.weight = round3(-taxonomy_.excluded_penalty);
    r.contribution = r.weight;
    a->excluded.push_back(r.term);
    a->reasons.push_back(std::move(r));
  }
}

void Scorer::check_categories(const Paper& paper, Assessment* a) const {
  std::vector<std::string> categories = paper.categories;
  if (!paper.primary_category.empty()) add_distinct(&categories, paper.primary_category);
  for (const auto& [key, weight] : taxonomy_.categories) {
    Reason r;
    for (const auto& c : categories)
      if (category_matches(key, c)) add_distinct(&r.matched, c);
    if (r.matched.empty()) continue;
    r.term = key;
    r.kind = "category";
    r.field = "category";
    r.weight = weight;
    r.count = 1;  // once per paper, however many of its categories match
    r.contribution = round3(weight);
    a->reasons.push_back(std::move(r));
  }
}

void Scorer::check_required(const NormalisedText& title, const NormalisedText& abstract,
                            Assessment* a) const {
  for (size_t i = 0; i < required_.size(); ++i)
    if (found_in(required_[i], title, abstract))
      a->required_matched.push_back(taxonomy_.required[i]);
  if (!required_.empty() && a->required_matched.empty()) a->missing_required = taxonomy_.required;
}

Assessment Scorer::assess(const Paper& paper) const {
  Assessment a;
  a.paper_id = paper.id;
  a.base_id = paper.base_id;
  a.title = paper.title;
  NormalisedText title = normalise(paper.title), abstract = normalise(paper.abstract);
  std::vector<std::vector<Reason>> per_term(terms_.size());
  score_terms(title, "title", taxonomy_.title_weight, &per_term);
  score_terms(abstract, "abstract", taxonomy_.abstract_weight, &per_term);
  for (auto& reasons : per_term)
    for (auto& r : reasons) a.reasons.push_back(std::move(r));
  check_excluded(title, abstract, &a);
  check_categories(paper, &a);
  check_required(title, abstract, &a);
  double sum = 0.0;
  for (const auto& r : a.reasons) sum += r.contribution;
  a.score = round3(sum);
  a.fit = decide_fit(a, taxonomy_);
  a.explanation = explain(a, taxonomy_);
  return a;
}

}  // namespace quire::triage
