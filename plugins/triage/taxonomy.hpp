// The triage stage's configuration: the direction's taxonomy (terms, required and excluded
// terms, category weights) and the scoring settings, read and checked from the stage's config
// JSON. docs/ledger.md (## triage) is the user's description of every key.
#pragma once

#include <cstdint>
#include <quire/context.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire::triage {

// A malformed config entry; the message names the key path ("config terms[2].weight must be a
// number, not a string").
class ConfigError : public StageError {
 public:
  using StageError::StageError;
};

struct TermSpec {
  std::string term;
  double weight = 0.0;   // may be negative
  bool generic = false;  // a generic term alone never makes a paper in-scope
  std::string acronym;   // matched case-sensitively as a whole word; empty: none
  std::vector<std::string> variants;
};

struct Taxonomy {
  std::vector<TermSpec> terms;
  std::vector<std::string> required;  // one of them must match for in-scope; empty: no rule
  std::vector<std::string> excluded;  // each one found costs excluded_penalty, caps at weak
  std::vector<std::pair<std::string, double>> categories;  // in key order
  double excluded_penalty = 5.0;
  double title_weight = 2.0;
  double abstract_weight = 1.0;
  double in_scope = 6.0;
  double weak_scope = 2.0;
  int64_t top_n = 40;
  double min_score = 2.0;
};

// Reads the stage's resolved config (Context::config_json()). Missing keys take the defaults
// above except `terms`, which must list at least one term. Throws ConfigError naming the key
// path of the first malformed entry: a wrong type, an unknown key inside a term, a term or
// variant without any word, an acronym that is not one word, a term listed twice, a negative
// field weight or penalty, in_scope below weak_scope, top_n below 1.
Taxonomy parse_taxonomy(std::string_view config_json);

}  // namespace quire::triage
