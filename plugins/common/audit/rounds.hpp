// Inside the audit: the parsed ledger every round reads, the round record each fills in, and the
// rounds themselves. Not part of the stage's interface; tests may use it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "audit.hpp"

namespace quire::audit {

using Json = nlohmann::json;

struct Finding {
  std::string check;     // what was checked, e.g. "unknown-paper", "quote-not-found"
  std::string severity;  // "error", "warning" or "info"
  Json subject;          // a row id, a paper id, a claim id, or null
  std::string message;
};

struct Round {
  int number = 0;
  std::string name;   // "ledger-integrity", ...
  std::string title;  // "Ledger integrity", ...
  std::vector<Finding> findings;
  Json summary = Json::object();  // the round's numbers

  void add(std::string check, std::string severity, Json subject, std::string message) {
    findings.push_back(
        {std::move(check), std::move(severity), std::move(subject), std::move(message)});
  }
  size_t count(const std::string& severity) const;
};

// One gpu-probe claim verdict (from probe_evidence.json, else probes.json's `verdicts`).
struct ProbeClaim {
  std::string id;
  std::string status;  // "corroborated", "contradicted", "inconclusive"
  std::string reason;
};

struct Ledger {
  Json papers = Json::array();                // papers.json
  std::map<std::string, size_t> paper_index;  // id -> position in papers
  Json rows = Json::array();                  // evidence.json
  bool has_triage = false;
  std::map<std::string, std::string> triage_fit;  // paper id -> fit
  bool has_probes = false;
  std::vector<ProbeClaim> probe_claims;
  std::optional<std::string> draft;
};

// Parses and shape-checks the inputs; AuditInputError names the input that is wrong.
Ledger load_ledger(const AuditInputs& inputs);

// A string field of `object`, or "" when it is absent or not a string.
std::string text_of(const Json& object, const char* key);
// A boolean under object[outer][inner], false when absent.
bool flag_of(const Json& object, const char* outer, const char* inner);

Round round_integrity(const Ledger& ledger);
Round round_source_depth(const Ledger& ledger);
Round round_quotes(const Ledger& ledger, const AuditInputs& inputs, const AuditSettings& settings);
Round round_locators(const Ledger& ledger);
Round round_numeric_gate(const Ledger& ledger);
Round round_taxonomy(const Ledger& ledger);
Round round_probes(const Ledger& ledger);
Round round_draft(const Ledger& ledger);

// audit_report.md from the report's JSON.
std::string render_markdown(const Json& report);

}  // namespace quire::audit
