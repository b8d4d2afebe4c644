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
  std::string measured;  // the measured value as text (JSON for a number or an object)
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

// What the draft may say about the audit of rounds 1-7, as the audit has it.
struct AuditFacts {
  struct Counts {
    std::string name;
    size_t errors = 0, warnings = 0, infos = 0;
  };
  std::map<int, Counts> rounds;  // by round number
  std::string verdict;           // the verdict of rounds 1-7
  std::optional<double> proof_score;
  std::optional<double> min_verified_share;  // the readiness threshold the verdict used
};
AuditFacts facts_of(const std::vector<Round>& rounds, const std::string& verdict,
                    std::optional<double> proof_score, double min_verified_share);
// From an audit report's JSON; its `verdict_before_draft` when it has one (a report whose round
// 8 read a draft), else its `verdict`.
AuditFacts facts_from_report(const Json& report);

// Round 8. Without `facts`, the draft's statements about the audit itself are not checked.
Round round_draft(const Ledger& ledger, const AuditFacts* facts);
// Round 8's row-by-row half: the draft's tables (evidence rows, papers, audit rounds), its probe
// verdict lines, its bold verdict and its proof score, each against the ledger. Adds findings to
// `r`; returns how many statements it checked.
size_t check_draft_rows(const Ledger& ledger, const AuditFacts* facts, const std::string& draft,
                        Round& r);

// audit_report.md from the report's JSON.
std::string render_markdown(const Json& report);

}  // namespace quire::audit
