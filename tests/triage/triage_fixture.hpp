// Helpers shared by the triage unit tests: a scorer from a JSON config and papers in one line.
#pragma once

#include <string>
#include <vector>

#include "scoring.hpp"
#include "taxonomy.hpp"

namespace quire::triage::testing {

inline Scorer scorer(const std::string& config_json) { return Scorer(parse_taxonomy(config_json)); }

inline Paper paper(const std::string& id, const std::string& title, const std::string& abstract,
                   std::vector<std::string> categories = {"cs.CL"}) {
  Paper p;
  p.id = id;
  p.base_id = id.substr(0, id.rfind('v'));
  p.version = 1;
  p.title = title;
  p.abstract = abstract;
  p.primary_category = categories.empty() ? "" : categories.front();
  p.categories = std::move(categories);
  return p;
}

// The reason for `term` in `field`, or nullptr.
inline const Reason* reason(const Assessment& a, const std::string& term,
                            const std::string& field) {
  for (const auto& r : a.reasons)
    if (r.term == term && r.field == field) return &r;
  return nullptr;
}

}  // namespace quire::triage::testing
