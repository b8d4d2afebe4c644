// The dashboard's inputs parsed and checked: papers, evidence rows (ledger and probe), and the
// probe and audit documents kept as JSON for their sections.
#pragma once

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crop.hpp"
#include "dashboard.hpp"

namespace quire::draft::dash {

struct Paper {
  std::string id, title, abs_url, pdf_output, pdf_status, pdf_error;
};

struct Row {
  std::string row_id, paper_id, title, fit, status, depth, section, claim, quote;
  int page = 0;  // 0: no locator
  std::string match_method;
  double match_score = NAN;
  bool probe = false;          // a probe_evidence.json row
  std::string probe_reason;    // probe rows: the verdict's reason
  std::vector<WordBox> boxes;  // verify's locators.boxes
};

struct Model {
  std::vector<Paper> papers;
  std::map<std::string, size_t> paper_index;  // paper id (and base id) -> papers[]
  std::vector<Row> rows;                      // evidence rows, then probe rows
  nlohmann::json probes;                      // null when absent
  nlohmann::json audit;                       // null when absent
  bool has_triage = false;
  bool has_probe_evidence = false;
};

// Parses every input; throws DashboardInputError naming the input that is not JSON or has the
// wrong shape.
Model parse_inputs(const DashboardInputs& inputs);

// `j[key]` as display text: strings as they are, numbers and booleans printed, "" otherwise.
std::string text_of(const nlohmann::json& j, const char* key);

// `j[key]` as a number, NaN when it is not one.
double number_of(const nlohmann::json& j, const char* key);

}  // namespace quire::draft::dash
