// The draft `quire proof` re-checks, and the ledger it must agree with: the last stage with a
// draft.md output, and the inputs its final audit_report.json names (papers.json from fetch,
// evidence.json from verify, ...), read from the run directory. Each ledger file is compared with
// the digest the run recorded, so a hand-edited ledger cannot vouch for a hand-edited draft.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "proof/run_layout.hpp"

namespace quire {

struct DraftFile {
  std::string stage;  // the stage whose output it is
  std::string text;
};

struct DraftInputs {
  std::string draft_path;  // relative to the run directory, e.g. "draft/draft.md"
  std::string draft_text;
  bool draft_edited = false;                // differs from what the run wrote
  std::map<std::string, DraftFile> ledger;  // by output name, e.g. "papers.json"
  std::string audit_report;                 // the final audit_report.json beside the draft
  std::vector<std::string> problems;        // why the ledger cannot be trusted or read
};

// nullopt when no stage of the run has a draft.md output.
std::optional<DraftInputs> find_draft_inputs(const RunLayout& run);

}  // namespace quire
