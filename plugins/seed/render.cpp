#include "render.hpp"

#include <nlohmann/json.hpp>
#include <plugin_common/csv.hpp>

namespace quire::seed {
namespace {

using Json = nlohmann::json;

const char* bool_text(bool value) { return value ? "true" : "false"; }

Json row_json(const EvidenceRow& row) {
  const ClaimAnalysis& a = row.analysis;
  return {
      {"row_id", row.row_id},
      {"paper_id", row.paper_id},
      {"base_id", row.base_id},
      {"title", row.title},
      {"role", row.role},
      {"claim", row.claim},
      {"source_quote", row.source_quote},
      {"sentence_index", row.sentence_index},
      {"elided", row.elided},
      {"source_depth", "abstract"},
      {"status", "preliminary-linked"},
      {"taxonomy_fit", row.taxonomy_fit},
      {"triage_rank", row.triage_rank ? Json(*row.triage_rank) : Json()},
      {"flags",
       {{"numeric", !a.numeric.empty()},
        {"comparative", !a.comparative.empty()},
        {"result", !a.result.empty()}}},
      {"triggers", {{"numeric", a.numeric}, {"comparative", a.comparative}, {"result", a.result}}},
      {"claim_class", class_name(a.claim_class)},
      {"class_trigger", a.class_trigger.empty() ? Json() : Json(a.class_trigger)},
  };
}

void append_kind(const char* kind, const std::vector<std::string>& triggers, std::string* out) {
  if (triggers.empty()) return;
  if (!out->empty()) *out += "; ";
  *out += std::string(kind) + ": ";
  for (size_t i = 0; i < triggers.size(); ++i) *out += (i ? " | " : "") + triggers[i];
}

}  // namespace

std::string evidence_json(const std::vector<EvidenceRow>& rows) {
  Json list = Json::array();
  for (const auto& row : rows) list.push_back(row_json(row));
  return list.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

const std::vector<std::string>& matrix_columns() {
  static const std::vector<std::string> kColumns = {
      "row_id",  "paper_id",    "role",   "taxonomy_fit", "status", "source_depth", "claim_class",
      "numeric", "comparative", "result", "triggers",     "claim",  "source_quote"};
  return kColumns;
}

std::string triggers_text(const ClaimAnalysis& analysis) {
  std::string out;
  append_kind("numeric", analysis.numeric, &out);
  append_kind("comparative", analysis.comparative, &out);
  append_kind("result", analysis.result, &out);
  return out;
}

std::string evidence_matrix_csv(const std::vector<EvidenceRow>& rows) {
  common::CsvWriter csv(matrix_columns());
  for (const auto& row : rows) {
    const ClaimAnalysis& a = row.analysis;
    csv.add({row.row_id, row.paper_id, row.role, row.taxonomy_fit, "preliminary-linked", "abstract",
             class_name(a.claim_class), bool_text(!a.numeric.empty()),
             bool_text(!a.comparative.empty()), bool_text(!a.result.empty()), triggers_text(a),
             row.claim, row.source_quote});
  }
  return csv.text();
}

std::string summary_line(const SeedOutcome& outcome, bool have_triage) {
  size_t anchors = 0, elided = 0, numeric = 0, comparative = 0, result = 0;
  size_t classes[3] = {0, 0, 0};
  for (const auto& row : outcome.rows) {
    anchors += row.role == "anchor";
    elided += row.elided;
    numeric += !row.analysis.numeric.empty();
    comparative += !row.analysis.comparative.empty();
    result += !row.analysis.result.empty();
    ++classes[static_cast<int>(row.analysis.claim_class)];
  }
  auto n = [](size_t value) { return std::to_string(value); };
  return n(outcome.rows.size()) + " evidence rows from " + n(outcome.papers) + " papers (" +
         n(anchors) + " anchor rows; " + n(classes[0]) + " finding, " + n(classes[1]) +
         " contribution, " + n(classes[2]) + " background; " + n(numeric) + " numeric, " +
         n(comparative) + " comparative, " + n(result) + " result; " + n(elided) +
         " elided); taxonomy fit " + (have_triage ? "from triage" : "unknown (no triage input)");
}

}  // namespace quire::seed
