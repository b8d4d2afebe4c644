// The verify stage's JSON in and out: which papers to check (from papers.json and evidence.json),
// and the updated evidence rows, matrix and report from the per-paper results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <plugin_common/csv.hpp>
#include <plugin_common/sha256.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace quire::verify {

// Malformed papers.json or evidence.json.
class RowsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One paper that has evidence rows, in order of its first row.
struct PaperPlan {
  std::string paper_id;
  bool known = false;               // the paper is in papers.json
  bool has_pdf = false;             // papers.json names a PDF output for it
  std::string pdf_output;           // the fetch stage's blob output
  std::string pdf_digest;           // "sha256:<hex>"
  std::string no_pdf_reason;        // why the rows are not checked (when !has_pdf)
  std::vector<std::string> quotes;  // the rows' source quotes, sorted, without duplicates
};

std::vector<PaperPlan> plan_papers(const std::string& papers_json,
                                   const std::string& evidence_json);

// What the stage knows besides the per-paper results.
struct AssembleInfo {
  std::string checked_at;      // ISO 8601 UTC of the run clock
  std::vector<bool> memoised;  // per plan entry: the result came from the memo
};

struct Outputs {
  std::string evidence_json;
  std::string matrix_csv;
  std::string report_json;
  std::string summary;  // the log line
};

// `results[i]` is verify_paper()'s JSON for plan[i] (ignored when plan[i] has no PDF).
Outputs assemble(const std::string& evidence_json, const std::vector<PaperPlan>& plan,
                 const std::vector<std::string>& results, const AssembleInfo& info);

// "2023-11-14T22:13:20Z"
std::string iso8601_utc(int64_t seconds);

// The SHA-256 of `bytes` as 64 lower-case hex digits.
using common::sha256_hex;


}  // namespace quire::verify
