// The data that flows through one arxiv-fetch run: settings, what the sources gathered, the
// papers with their PDFs, and what the report says about it all.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "atom.hpp"
#include "query.hpp"
#include "selection.hpp"

namespace quire::arxiv {

// Everything the stage's config says, checked.
struct FetchSettings {
  FetchQuery query;
  std::vector<std::string> rejected_ids;  // config ids that failed validation (printable)
  std::string mirror;                     // as configured; empty: the API
  std::string pdf_base = "https://arxiv.org/pdf/";
  bool download_pdfs = true;
  int64_t api_delay_ms = 3000;
  int64_t parallel_downloads = 4;
  int64_t retry_empty_page = 2;
  uint64_t max_pdf_bytes = 100ull << 20;
};

// One response the stage used (or retried).
struct RequestLog {
  std::string kind;  // "search" or "ids"
  std::string url;
  int status = 0;
  int64_t entries = 0;
  int64_t total_results = -1;
  int64_t start_index = -1;
  int attempt = 1;  // 2, 3... for retries of an empty page
};

// What the sources found: the search listing (pages concatenated, in order) and the entries
// that answer explicit ids.
struct Gathered {
  std::vector<AtomEntry> listing;
  std::vector<AtomEntry> lookups;
  int64_t total_results = -1;  // of the search; -1 without one
  int64_t pages = 0;           // search pages used
  std::vector<RequestLog> requests;
  std::vector<std::string> feeds;  // mirror: feed files read, relative to the mirror
  std::vector<std::string> warnings;
  int repaired_texts = 0;
};

struct PdfOutcome {
  // "downloaded" (API), "copied" (mirror), "failed", or "skipped" (download_pdfs = false).
  std::string status = "skipped";
  std::string output;  // blob output name when downloaded or copied
  std::string digest;  // "sha256:<hex>"
  uint64_t bytes = 0;
  std::string error;  // why it failed
};

struct PaperRecord {
  SelectedPaper paper;
  std::string pdf_url;
  std::string abs_url;
  PdfOutcome pdf;
};

}  // namespace quire::arxiv
