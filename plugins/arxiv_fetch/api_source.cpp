#include "api_source.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

#include "pdf.hpp"

namespace quire::arxiv {
namespace {

std::string snippet(const std::string& body) {
  std::string text = printable(body);
  return text.empty() ? "" : ": " + text;
}

class ApiReader {
 public:
  ApiReader(const FetchSettings& settings, const Fetch& fetch, Gathered& gathered)
      : settings_(settings), fetch_(fetch), gathered_(gathered) {}

  void search() {
    const FetchQuery& q = settings_.query;
    std::set<std::string> distinct;
    int64_t start = 0;
    while (static_cast<int64_t>(distinct.size()) < q.max_results) {
      if (gathered_.total_results >= 0 && start >= gathered_.total_results) break;
      if (start >= kMaxResults) {
        gathered_.warnings.push_back("stopped at result " + std::to_string(kMaxResults) +
                                     ", the arXiv API's limit for one query");
        break;
      }
      int64_t count = std::min(q.page_size, q.max_results - static_cast<int64_t>(distinct.size()));
      AtomFeed feed = page("search", listing_url(q, start, count), start);
      gathered_.total_results = feed.total_results;
      ++gathered_.pages;
      if (feed.entries.empty()) break;  // page() made sure no entries were expected
      int64_t page_start = start;
      start += static_cast<int64_t>(feed.entries.size());
      size_t before = distinct.size();
      for (auto& entry : feed.entries) {
        if (entry.id) distinct.insert(entry.id->base);
        gathered_.listing.push_back(std::move(entry));
      }
      // A page of nothing but papers already seen means the server is repeating itself (or
      // ignoring `start`); going on would walk to totalResults for nothing.
      if (distinct.size() == before) {
        gathered_.warnings.push_back("the page at start " + std::to_string(page_start) +
                                     " only repeated papers already listed; paging stopped");
        break;
      }
    }
  }

  void lookup() {
    std::vector<std::string> ids, bases;
    for (const auto& id : settings_.query.ids)
      if (id.versioned()) {
        ids.push_back(id.str());
        if (std::find(bases.begin(), bases.end(), id.base) == bases.end()) bases.push_back(id.base);
      }
    for (const auto& id : settings_.query.ids)
      if (!id.versioned() && std::find(bases.begin(), bases.end(), id.base) == bases.end())
        ids.push_back(id.str());
    // A paper's versioned and unversioned forms go in separate requests, so that the API never
    // has to answer one paper twice in one response.
    for (const auto* list : {&ids, &bases})
      for (size_t at = 0; at < list->size(); at += kIdsPerRequest) {
        std::vector<std::string> chunk(
            list->begin() + static_cast<ptrdiff_t>(at),
            list->begin() + static_cast<ptrdiff_t>(std::min(list->size(), at + kIdsPerRequest)));
        AtomFeed feed = page("ids", id_list_url(settings_.query.api_url, chunk), 0);
        for (auto& entry : feed.entries) gathered_.lookups.push_back(std::move(entry));
      }
  }

 private:
  // One page, retried while it comes back empty although totalResults says it should not.
  AtomFeed page(const std::string& kind, const std::string& url, int64_t start) {
    for (int attempt = 1;; ++attempt) {
      HttpRequest request;
      request.url = url;
      request.min_interval_ms = settings_.api_delay_ms;
      HttpResponse response = fetch_(request);
      AtomFeed feed = judge(response, url);
      gathered_.requests.push_back({kind, url, response.status,
                                    static_cast<int64_t>(feed.entries.size()), feed.total_results,
                                    feed.start_index, attempt});
      gathered_.repaired_texts += feed.repaired_texts;
      for (auto& entry : feed.entries) entry.source = url;
      if (!feed.entries.empty() || feed.total_results <= start) return feed;
      if (attempt > settings_.retry_empty_page)
        throw StageError("arXiv returned an empty page for GET " + url + " although it reports " +
                         std::to_string(feed.total_results) + " results (start " +
                         std::to_string(start) + "), " + std::to_string(attempt) +
                         " times; the API does this under load: run again later, never read it "
                         "as zero papers");
    }
  }

  static AtomFeed judge(const HttpResponse& response, const std::string& url) {
    AtomFeed feed = parse_atom(response.body);
    std::string status = std::to_string(response.status);
    if (!feed.api_error.empty())
      throw StageError("arXiv API error: " + feed.api_error + " (HTTP " + status + " for GET " +
                       url + ")");
    if (response.status != 200)
      throw StageError("arXiv API answered HTTP " + status + " for GET " + url +
                       snippet(response.body));
    if (!feed.error.empty())
      throw StageError("arXiv API response to GET " + url + " is not a usable feed: " + feed.error);
    if (feed.total_results < 0)
      throw StageError("arXiv API response to GET " + url +
                       " has no opensearch:totalResults; cannot tell an empty page from the end");
    return feed;
  }

  const FetchSettings& settings_;
  const Fetch& fetch_;
  Gathered& gathered_;
};

PdfOutcome download_one(const PaperRecord& record, const FetchSettings& settings,
                        const DownloadHooks& hooks, std::mutex& write_mutex) {
  const ArxivId& id = *record.paper.entry.id;
  PdfOutcome outcome;
  outcome.status = "failed";
  HttpRequest request;
  request.url = record.pdf_url;
  request.immutable = id.versioned();  // an unversioned URL means "the latest", which changes
  request.expect_pdf = true;
  request.max_bytes = settings.max_pdf_bytes;
  HttpResponse response;
  try {
    response = hooks.fetch(request);
  } catch (const CacheMiss&) {
    throw;
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    outcome.error = e.what();
    return outcome;
  }
  if (response.status != 200) {
    outcome.error = "HTTP " + std::to_string(response.status) + " for GET " + request.url;
    return outcome;
  }
  if (std::string problem = pdf_problem(response.body); !problem.empty()) {
    outcome.error = problem + " (GET " + request.url + ")";
    return outcome;
  }
  outcome.digest = sha256_digest(response.body);
  outcome.bytes = response.body.size();
  outcome.output = pdf_output_name(id);
  {
    std::lock_guard<std::mutex> lock(write_mutex);
    hooks.write_blob(outcome.output, response.body);
  }
  outcome.status = "downloaded";
  outcome.error.clear();
  return outcome;
}

}  // namespace

Gathered gather_from_api(const FetchSettings& settings, const Fetch& fetch) {
  Gathered gathered;
  ApiReader reader(settings, fetch, gathered);
  if (has_search(settings.query)) reader.search();
  reader.lookup();
  return gathered;
}

void download_pdfs(std::vector<PaperRecord>& records, const FetchSettings& settings,
                   const DownloadHooks& hooks) {
  size_t total = records.size();
  if (total == 0) return;
  std::atomic<size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::vector<std::exception_ptr> fatal(total);
  std::mutex write_mutex, progress_mutex;
  auto work = [&] {
    for (size_t i = next++; i < total && !stop; i = next++) {
      try {
        if (hooks.check_cancelled) hooks.check_cancelled();
        records[i].pdf = download_one(records[i], settings, hooks, write_mutex);
      } catch (...) {  // CacheMiss, Cancelled, a failed write: the stage cannot go on
        fatal[i] = std::current_exception();
        stop = true;
      }
      std::lock_guard<std::mutex> lock(progress_mutex);
      if (hooks.progress) hooks.progress(++done, total);
    }
  };
  size_t threads = std::clamp<size_t>(static_cast<size_t>(settings.parallel_downloads), 1, total);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  for (const auto& error : fatal)
    if (error) std::rethrow_exception(error);
}

}  // namespace quire::arxiv
