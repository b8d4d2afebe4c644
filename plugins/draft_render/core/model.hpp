// Inside draft-render: the ledger as typed records, and the draft model built from it — the one
// place every number the draft states is computed. Templates only ever see the model.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "draft.hpp"

namespace quire::draft {

using Json = nlohmann::json;

struct Paper {
  std::string id, title, year, url, pdf_output, pdf_digest;
  std::vector<std::string> authors;
};

struct Row {
  Json raw;  // the row as the evidence stage wrote it
  std::string row_id, paper_id, title, claim, quote, status, depth, fit, role, section;
  std::optional<long long> page;
  bool elided = false, numeric = false, comparative = false, result = false;
  bool supported_full_text() const { return status == "supported" && depth == "full-text"; }
};

struct ProbeClaim {
  std::string claim_id, row_id, probe_id, kind, statement, verdict, paper, source, expectation,
      reason, measured;
  // `paper` resolved: the fetched paper it names (by id in any version, or by title), else the
  // arXiv id as written; empty for a title of a paper that was not fetched.
  std::string paper_id;
  std::string paper_title;  // the fetched paper's title, else `paper` when it is not an id
};

struct TriageEntry {
  std::string fit;
  bool selected = false;
};

struct LedgerView {
  std::vector<Paper> papers;  // papers.json order (sorted by id)
  std::map<std::string, size_t> paper_index;
  std::vector<Row> rows;  // evidence.json order
  bool has_triage = false;
  std::map<std::string, TriageEntry> triage;  // paper id -> entry
  bool has_probes = false;
  std::vector<ProbeClaim> probe_claims;  // probe_evidence.json order
  std::string probe_device;
};

// Parses and shape-checks the inputs; DraftError names the input that is wrong.
LedgerView load_view(const DraftInputs& inputs);

// The draft model. `audit_report` is the audit of rounds 1-7 the draft describes; its verdict,
// reasons and per-round counts are quoted, everything else is counted here.
Json build_model(const LedgerView& view, const Json& audit_report, const std::string& audit_source,
                 const DraftSettings& settings);

// "66.7%": a share as a percentage with one decimal (0 of 0 is "0.0%").
std::string percent(size_t part, size_t whole);

// evidence_matrix.csv and claims.csv. `final_report` gives claims.csv its per-claim findings.
std::string evidence_matrix_csv(const LedgerView& view);
std::string claims_csv(const LedgerView& view, const Json& final_report);

// Renders the draft from the model with the built-in templates and the overrides.
std::string render_templates(const Json& model,
                             const std::map<std::string, std::string>& overrides);

}  // namespace quire::draft
