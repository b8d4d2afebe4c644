// The ledger audit: eight numbered rounds over papers.json, evidence.json and the optional triage,
// probe and draft inputs, each giving findings; then a readiness verdict and scores. Pure: the
// caller supplies the inputs' text and a way to read PDFs, so the rounds are deterministic and
// testable without an engine.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace quire::audit {

// An input that is malformed (not JSON, wrong shape). The message names the input.
class AuditInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One named input: its text and the stage it came from (recorded in the report).
struct NamedInput {
  std::string stage;
  std::string text;
};

struct AuditInputs {
  NamedInput papers;    // papers.json (required)
  NamedInput evidence;  // evidence.json (required; verify's when both seed and verify give one)
  std::optional<NamedInput> triage, probes, probe_evidence, draft;
  // Returns the bytes of a paper's PDF blob (papers.json `pdf_output`), or nullopt when it
  // cannot be read. Called at most once per PDF, in papers.json order.
  std::function<std::optional<std::string>(const std::string& pdf_output)> read_pdf;
};

struct AuditSettings {
  double min_verified_share = 0.5;      // below it the verdict is at best needs-work
  double jaccard = 0.6;                 // round 3's window threshold
  size_t max_findings_per_round = 200;  // beyond it, one finding summarises the rest
};

struct AuditOutputs {
  std::string report_json;  // audit_report.json (canonical: sorted keys, no times)
  std::string report_md;    // audit_report.md
  std::string verdict;      // "ready", "needs-work" or "blocked"
  std::string summary;      // one log line
};

// Round 8 alone: the draft (inputs.draft, required) against the ledger the other inputs give;
// no PDF is read. For `quire proof`, which re-checks a draft a user may have edited by hand.
// `report_json`, the audit report written beside the draft, holds the audit's own rounds, verdict
// and proof score; without it the draft's statements about them are not checked.
struct DraftCheck {
  size_t statements_checked = 0;
  std::vector<std::string> mismatches;  // one message per statement that disagrees
};
DraftCheck check_draft(const AuditInputs& inputs,
                       const std::optional<std::string>& report_json = std::nullopt);

// Runs all rounds. Throws AuditInputError for malformed inputs; a PDF that cannot be read is a
// round-3 finding, not an exception.
AuditOutputs run_audit(const AuditInputs& inputs, const AuditSettings& settings);

}  // namespace quire::audit
