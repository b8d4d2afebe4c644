// The arXiv API as a source: paged search, id lookups and PDF downloads, all through a fetch
// function (the engine's Context::get in the stage, canned responses in tests).
#pragma once

#include <cstdint>
#include <functional>
#include <quire/context.hpp>
#include <string>
#include <vector>

#include "fetch_types.hpp"

namespace quire::arxiv {

// One GET. Returns any HTTP status; throws quire::CacheMiss when --no-fresh has no record of
// the request and quire::StageError when no response could be had (Context::get's contract).
using Fetch = std::function<HttpResponse(const HttpRequest&)>;

// Runs the search page by page (start / max_results, page_size at a time) until max_results
// distinct papers or totalResults are reached, then looks up explicit ids (id_list, 100 per
// request), and for versioned ids their unversioned form too, to learn the newest version.
// Every API request asks for `api_delay_ms` between calls.
// Throws StageError for the API's error feed (naming its message), a non-200 status, a body
// that is not an Atom feed, or an empty page where totalResults promises entries even after
// `retry_empty_page` retries. An empty first page with totalResults 0 is zero papers.
Gathered gather_from_api(const FetchSettings& settings, const Fetch& fetch);

struct DownloadHooks {
  Fetch fetch;
  // Publishes a blob output; called from one thread at a time.
  std::function<void(const std::string& name, const std::string& bytes)> write_blob;
  std::function<void()> check_cancelled;  // throws quire::Cancelled
  std::function<void(uint64_t done, uint64_t total)> progress;
};

// Downloads each record's PDF (pdf_url; immutable when versioned; expect_pdf) with up to
// `parallel_downloads` threads, checks it (pdf_problem), digests it and writes it as a blob
// named pdf_output_name(id). A failure is recorded on the record and the others go on;
// quire::CacheMiss and quire::Cancelled stop everything and propagate (the first one in record
// order, so the message is deterministic).
void download_pdfs(std::vector<PaperRecord>& records, const FetchSettings& settings,
                   const DownloadHooks& hooks);

}  // namespace quire::arxiv
