// `quire proof`: re-verifies every `supported` row of a run's evidence matrix against the PDFs it
// cites, independently of the stages that wrote it, and scores the result.
//
// A supported row passes only when its PDF's bytes hash to the row's pdf_digest, its quote is
// found in that PDF's text, its recorded page is among the pages where the quote was found, and
// its section and full_text_checked_at locators are not empty. PDFs come from the cache's
// content-addressed store by digest; when the object is missing, from the run directory's copy
// of the row's pdf_output. A corrupt cached object fails its rows (the run-dir copy never stands
// in for it), and nothing is written to the cache.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "proof/run_layout.hpp"
#include "util/status.hpp"

namespace quire {

// A PDF's text, one string per page (pages[0] is page 1), or why it could not be read.
struct PdfPages {
  bool ok = false;
  std::string error;
  std::vector<std::string> pages;
};

// Where a quote was found in a PDF's pages.
struct QuoteFound {
  bool found = false;
  std::string method;      // how it matched ("none" when it did not)
  std::vector<int> pages;  // 1-based pages where it was found
  double score = 0;        // 1 for an exact match, else the best window's Jaccard
};

// The PDF reader and quote matcher, injected so that the engine library needs no PDF library:
// the CLI passes the audit library's (plugins/common/audit), tests may pass fakes.
struct ProofReader {
  std::function<PdfPages(std::string_view pdf_bytes)> read_pages;
  std::function<QuoteFound(std::string_view quote, const std::vector<std::string>& pages,
                           double jaccard)>
      find_quote;
};

struct ProofOptions {
  std::filesystem::path matrix;  // the evidence matrix to check
  std::filesystem::path cache;   // the cache whose objects/ hold the PDFs
  double jaccard = 0.6;          // the matcher's window threshold
  double threshold = 0.5;        // the proof_score at or above which the run is proven
};

// The columns a matrix must have.
const std::vector<std::string>& proof_columns();

struct ProofRow {
  std::string row_id;
  std::string paper_id;
  std::string pdf_digest;   // as the row records it
  std::optional<int> page;  // the recorded page, when it is a page number
  std::string section;
  std::string checked_at;
  std::string method = "none";
  double score = 0;
  std::vector<int> found_pages;
  bool pass = false;
  std::vector<std::string> reasons;  // why it failed; empty when it passed
};

// Round 8 of the audit run again on the run's draft.md (it may have been edited by hand) against
// the ledger files the run recorded beside it.
struct DraftConsistency {
  std::string draft;    // relative to the run directory
  bool edited = false;  // draft.md differs from what the run wrote
  size_t statements_checked = 0;
  std::vector<std::string> mismatches;  // statements that disagree with the ledger
  std::vector<std::string> problems;    // why the check could not be trusted or run
  bool consistent() const { return mismatches.empty() && problems.empty(); }
};

struct Proof {
  std::string matrix;         // relative to the run directory
  std::string matrix_digest;  // of the matrix file's bytes
  double jaccard = 0;
  double threshold = 0;
  size_t matrix_rows = 0;  // every data row of the matrix
  size_t passed = 0;
  std::vector<ProofRow> rows;  // the supported rows, by row_id
  double proof_score = 0;      // passed / supported, 4 decimals; 0 without supported rows
  // "proven", "below-threshold", "nothing-to-prove", or "draft-inconsistent" when the quotes
  // are proven but the draft states a number the ledger does not have.
  std::string verdict;
  std::optional<DraftConsistency> draft;  // absent when the run has no draft.md

  bool proven() const { return verdict == "proven"; }
  void set_draft(DraftConsistency check) {
    if (proven() && !check.consistent()) verdict = "draft-inconsistent";
    draft = std::move(check);
  }
  // proof.json: canonical JSON (sorted keys), no time and no absolute path, so a rerun over
  // the same run and cache gives the same bytes.
  std::string json_text() const;
};

// Checks the matrix `options.matrix` of `run`. Exit code 2 when the matrix cannot be read, is
// not RFC 4180 (the message names file and line) or lacks a column of proof_columns().
StatusOr<Proof> prove(const RunLayout& run, const ProofOptions& options, const ProofReader& reader);

}  // namespace quire
