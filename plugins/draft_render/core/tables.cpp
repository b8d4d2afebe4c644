// evidence_matrix.csv (verify's columns, plus one row per probe claim) and claims.csv (one row
// per claim the draft makes, with the audit findings about it).
#include <cstdio>
#include <plugin_common/csv.hpp>

#include "model.hpp"

namespace quire::draft {
namespace {

std::string text_of(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  return it->dump(-1, ' ', false, Json::error_handler_t::replace);
}

// seed's and verify's rendering of triggers: "numeric: a | b; comparative: c".
std::string triggers_text(const Json& row) {
  std::string out;
  auto triggers = row.find("triggers");
  if (triggers == row.end() || !triggers->is_object()) return out;
  for (const char* kind : {"numeric", "comparative", "result"}) {
    auto it = triggers->find(kind);
    if (it == triggers->end() || !it->is_array() || it->empty()) continue;
    out += (out.empty() ? "" : "; ") + std::string(kind) + ": ";
    for (size_t i = 0; i < it->size(); ++i)
      out +=
          (i ? " | " : "") + ((*it)[i].is_string() ? (*it)[i].get<std::string>() : (*it)[i].dump());
  }
  return out;
}

std::string score_text(const Json& row) {
  auto it = row.find("match_score");
  if (it == row.end() || !it->is_number()) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", it->get<double>());
  return buf;
}

std::string bool_text(bool value) { return value ? "true" : "false"; }

// Findings per subject (a row id or a probe claim id) in the final audit.
std::map<std::string, size_t> findings_by_subject(const Json& report) {
  std::map<std::string, size_t> out;
  for (const Json& round : report.value("rounds", Json::array()))
    for (const Json& f : round.value("findings", Json::array()))
      if (f.is_object() && f.value("subject", Json()).is_string())
        ++out[f["subject"].get<std::string>()];
  return out;
}

}  // namespace

const std::vector<std::string>& evidence_matrix_columns() {
  static const std::vector<std::string> kColumns = {
      "row_id",       "paper_id",    "role",
      "taxonomy_fit", "status",      "source_depth",
      "claim_class",  "numeric",     "comparative",
      "result",       "triggers",    "claim",
      "source_quote", "page",        "section",
      "match_method", "match_score", "full_text_checked_at",
      "pdf_digest",   "pdf_output",  "paper_title"};
  return kColumns;
}

std::string evidence_matrix_csv(const LedgerView& v) {
  common::CsvWriter csv(evidence_matrix_columns());
  for (const Row& r : v.rows) {
    const Json& raw = r.raw;
    std::string digest = text_of(raw, "pdf_digest"), output = text_of(raw, "pdf_output");
    auto paper = v.paper_index.find(r.paper_id);
    bool fetched = paper != v.paper_index.end();
    if (output.empty() && !digest.empty() && fetched) output = v.papers[paper->second].pdf_output;
    csv.add({r.row_id,
             r.paper_id,
             r.role,
             text_of(raw, "taxonomy_fit"),
             r.status,
             r.depth,
             text_of(raw, "claim_class"),
             bool_text(r.numeric),
             bool_text(r.comparative),
             bool_text(r.result),
             triggers_text(raw),
             text_of(raw, "claim"),
             text_of(raw, "source_quote"),
             r.page ? std::to_string(*r.page) : "",
             r.page || !r.section.empty() ? r.section : "",
             text_of(raw, "match_method"),
             score_text(raw),
             text_of(raw, "full_text_checked_at"),
             digest,
             output,
             fetched ? v.papers[paper->second].title : r.title});
  }
  for (const ProbeClaim& c : v.probe_claims) {
    std::string measured = c.reason.empty() ? c.measured : c.reason;
    // A probe row's locator is the claim's source (e.g. a seed's section), its paper the one the
    // claim names.
    csv.add({c.row_id, c.paper_id, "probe", "", c.verdict,   "probe",  "probe-claim",
             "false",  "false",    "false", "", c.statement, measured, "",
             c.source, "",         "",      "", "",          "",       c.paper_title});
  }
  return csv.text();
}

std::string claims_csv(const LedgerView& v, const Json& final_report) {
  std::map<std::string, size_t> findings = findings_by_subject(final_report);
  auto count = [&findings](const std::string& a, const std::string& b) {
    size_t n = findings.count(a) ? findings.at(a) : 0;
    if (b != a && findings.count(b)) n += findings.at(b);
    return std::to_string(n);
  };
  common::CsvWriter csv({"claim_id", "claim", "kind", "status", "source_depth", "paper_ids",
                         "evidence_rows", "page", "section", "audit_findings", "draft_section"});
  for (const Row& r : v.rows)
    csv.add({r.row_id, r.claim, "literature", r.status, r.depth, r.paper_id, r.row_id,
             r.page ? std::to_string(*r.page) : "", r.section, count(r.row_id, r.row_id),
             r.supported_full_text() ? "evidence-base; findings" : "evidence-base"});
  for (const ProbeClaim& c : v.probe_claims)
    csv.add({c.claim_id, c.statement, "probe", c.verdict, "probe", c.paper_id, c.row_id, "",
             c.source, count(c.claim_id, c.row_id), "probe-results"});
  return csv.text();
}

}  // namespace quire::draft
