// The fit rules and the sentence that explains them. Both read only the assessment's recorded
// reasons, so the explanation can never say something triage.json does not show.
#include <algorithm>

#include "numbers.hpp"
#include "scoring.hpp"

namespace quire::triage {
namespace {

// "rotary position embedding in title and abstract", "category cs.CL".
struct Item {
  std::string label;
  std::vector<std::string> fields;
};

void add_item(std::vector<Item>* items, const Reason& r) {
  if (r.kind == "category") {
    items->push_back({"category " + r.term, {}});
    return;
  }
  auto it = std::find_if(items->begin(), items->end(),
                         [&](const Item& item) { return item.label == r.term; });
  if (it == items->end()) {
    items->push_back({r.term, {r.field}});
  } else if (std::find(it->fields.begin(), it->fields.end(), r.field) == it->fields.end()) {
    it->fields.push_back(r.field);
  }
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

std::string items_text(const std::vector<Item>& items) {
  std::vector<std::string> parts;
  for (const auto& item : items)
    parts.push_back(item.fields.empty() ? item.label
                                        : item.label + " in " + join(item.fields, " and "));
  return join(parts, ", ");
}

bool is_scored(const Reason& r) { return r.kind != "excluded"; }

bool has_support(const Assessment& a) {
  return std::any_of(a.reasons.begin(), a.reasons.end(),
                     [](const Reason& r) { return r.kind == "term" && r.contribution > 0; });
}

// " from ..." naming what raised the score, or what it lacked.
std::string sources_clause(const Assessment& a) {
  std::vector<Item> positive;
  bool generic = false, category = false;
  for (const auto& r : a.reasons) {
    if (!is_scored(r) || r.contribution <= 0) continue;
    add_item(&positive, r);
    generic |= r.kind == "generic";
    category |= r.kind == "category";
  }
  if (positive.empty())
    return a.reasons.empty() ? " with no matching term" : " with no positive match";
  if (has_support(a)) return " from " + items_text(positive);
  std::string only = generic && category ? "generic terms and categories"
                     : generic           ? "generic terms"
                                         : "categories";
  return " from " + only + " only (" + items_text(positive) + ")";
}

}  // namespace

Fit decide_fit(const Assessment& a, const Taxonomy& t) {
  if (a.score >= t.in_scope && has_support(a) && a.missing_required.empty() && a.excluded.empty())
    return Fit::kInScope;
  return a.score >= t.weak_scope ? Fit::kWeakScope : Fit::kOutOfScope;
}

std::string explain(const Assessment& a, const Taxonomy& t) {
  std::string s = std::string(fit_name(a.fit)) + ": score " + number_text(a.score);
  if (a.fit == Fit::kWeakScope && a.score < t.in_scope)
    s += " (below in_scope " + number_text(t.in_scope) + ")";
  if (a.fit == Fit::kOutOfScope) s += " (below weak_scope " + number_text(t.weak_scope) + ")";
  s += sources_clause(a);
  std::vector<Item> negative, excluded;
  for (const auto& r : a.reasons) {
    if (r.kind == "excluded")
      add_item(&excluded, r);
    else if (r.contribution < 0)
      add_item(&negative, r);
  }
  if (!negative.empty()) s += "; lowered by " + items_text(negative);
  if (!a.missing_required.empty()) s += "; missing required: " + join(a.missing_required, ", ");
  if (!excluded.empty()) s += "; excluded: " + items_text(excluded);
  if (a.fit == Fit::kInScope && !a.required_matched.empty())
    s += "; required met by " + join(a.required_matched, ", ");
  return s;
}

}  // namespace quire::triage
