// The draft-render core: turns the evidence ledger (papers, evidence rows, triage, probe verdicts,
// the audit report) into the paper draft and its companion files. Pure: the caller hands in the
// inputs' text, template overrides and a way to read PDFs, so the same inputs give the same bytes
// and tests need no engine.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "audit.hpp"

namespace quire::draft {

// A problem the user can fix: a malformed input, an unknown template name, a template that does
// not parse. The message names the input or template.
class DraftError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DraftInputs {
  audit::NamedInput papers;    // papers.json (required)
  audit::NamedInput evidence;  // evidence.json (required; verify's)
  std::optional<audit::NamedInput> triage, probes, probe_evidence;
  // The audit stage's audit_report.json (rounds 1-7). Without it the core audits the ledger itself
  // (without a draft) for the draft's "claim audit status" section.
  std::optional<audit::NamedInput> audit_report;
  // Template overrides: file name ("abstract.mustache") -> text. A name that is not a built-in
  // template's is a DraftError listing the known names.
  std::map<std::string, std::string> templates;
  // The bytes of a paper's PDF blob (papers.json `pdf_output`), nullopt when unreadable.
  std::function<std::optional<std::string>(const std::string& pdf_output)> read_pdf;
};

struct DraftSettings {
  std::string title;                       // the draft's title; empty: a neutral one
  std::string direction;                   // the research direction in one sentence; may be empty
  std::vector<std::string> questions;      // research questions; empty: generated ones
  std::string workflow = "WORKFLOW.toml";  // shown in the rerun command
  int64_t run_clock = 0;                   // seconds since the epoch: the draft's date
  audit::AuditSettings audit;              // for round 8 and, without an audit report, rounds 1-7
};

struct DraftOutputs {
  std::string draft_md;
  std::string evidence_matrix_csv;
  std::string claims_csv;
  std::string audit_report_json;  // the final audit, rounds 1-8, round 8 on draft_md
  std::string audit_report_md;
  std::string scores_json;
  std::string model_json;  // the data the templates saw (for debugging templates)
  std::string verdict;     // of the final audit
  std::string summary;     // one log line
  size_t round8_errors = 0;
};

// Renders everything. Throws DraftError for malformed inputs and template problems.
DraftOutputs render_draft(const DraftInputs& inputs, const DraftSettings& settings);

// The built-in template names ("draft.md.mustache", "abstract.mustache", ...), sorted.
std::vector<std::string> builtin_template_names();

// The columns of evidence_matrix.csv (verify's, so `quire proof` reads either file).
const std::vector<std::string>& evidence_matrix_columns();

}  // namespace quire::draft
