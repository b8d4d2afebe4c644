// The API path without a network: gather_from_api and download_pdfs against canned responses
// (the corpus's real pages where they fit, small synthetic feeds where a case needs one).
#include "api_source.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "corpus.hpp"
#include "pdf.hpp"
#include "records.hpp"

namespace quire::arxiv {
namespace {

std::string feed_xml(int64_t total, int64_t start, const std::vector<std::string>& ids) {
  std::string xml =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">"
      "<opensearch:totalResults>" +
      std::to_string(total) +
      "</opensearch:totalResults>"
      "<opensearch:startIndex>" +
      std::to_string(start) + "</opensearch:startIndex>";
  for (const auto& id : ids)
    xml += "<entry><id>http://arxiv.org/abs/" + id + "</id><title>T " + id +
           "</title><published>2024-01-01T00:00:00Z</published></entry>";
  return xml + "</feed>";
}

HttpResponse ok(std::string body) {
  HttpResponse r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

int64_t url_number(const std::string& url, const std::string& key) {
  size_t at = url.find("&" + key + "=");
  if (at == std::string::npos) at = url.find("?" + key + "=");
  return at == std::string::npos ? -1 : std::stoll(url.substr(at + key.size() + 2));
}

// Answers from a script and remembers every request.
struct FakeApi {
  std::function<HttpResponse(const HttpRequest&, int call)> answer;
  std::vector<HttpRequest> requests;
  std::mutex mutex;

  Fetch fetch() {
    return [this](const HttpRequest& request) {
      int call;
      {
        std::lock_guard<std::mutex> lock(mutex);
        requests.push_back(request);
        call = static_cast<int>(requests.size());
      }
      return answer(request, call);
    };
  }
};

FetchSettings search_settings(int64_t max_results, int64_t page_size) {
  FetchSettings s;
  s.query.categories = {"cs.SE"};
  s.query.max_results = max_results;
  s.query.page_size = page_size;
  s.api_delay_ms = 3000;
  return s;
}

void expect_stage_error(const std::function<void()>& run, const std::string& fragment) {
  try {
    run();
    ADD_FAILURE() << "no error; expected one with: " << fragment;
  } catch (const CacheMiss& e) {
    ADD_FAILURE() << "cache miss: " << e.what();
  } catch (const StageError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(ApiSourceTest, PagesThroughRealPagesUntilMaxResults) {
  QUIRE_REQUIRE_CORPUS();
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) {
    int64_t start = url_number(r.url, "start");
    return ok(testing::corpus_file(start == 0 ? "atom/page1_q_testing_start0_max10.xml"
                                              : "atom/page2_q_testing_start10_max10.xml"));
  };
  Gathered g = gather_from_api(search_settings(20, 10), api.fetch());
  ASSERT_EQ(api.requests.size(), 2u);
  EXPECT_EQ(api.requests[0].url,
            "https://export.arxiv.org/api/query?search_query=cat%3Acs.SE&start=0&max_results=10"
            "&sortBy=submittedDate&sortOrder=descending");
  EXPECT_EQ(url_number(api.requests[1].url, "start"), 10);
  for (const auto& r : api.requests) {
    EXPECT_EQ(r.min_interval_ms, 3000);
    EXPECT_FALSE(r.immutable);
  }
  EXPECT_EQ(g.listing.size(), 20u);
  EXPECT_EQ(g.total_results, 214881);
  EXPECT_EQ(g.pages, 2);
  EXPECT_EQ(g.listing[0].source, api.requests[0].url);
  ASSERT_EQ(g.requests.size(), 2u);
  EXPECT_EQ(g.requests[1].kind, "search");
  EXPECT_EQ(g.requests[1].start_index, 10);
  EXPECT_EQ(g.requests[1].entries, 10);
  EXPECT_GE(g.repaired_texts, 3);  // names and an abstract double-encoded by the API
  Selection s = select_papers(g.listing, g.lookups, {}, 20);
  EXPECT_EQ(s.papers.size(), 20u);
  EXPECT_EQ(s.duplicates_dropped, 0);
}

TEST(ApiSourceTest, LastPageAsksOnlyForWhatIsMissing) {
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) {
    int64_t start = url_number(r.url, "start"), count = url_number(r.url, "max_results");
    std::vector<std::string> ids;
    for (int64_t i = start; i < std::min<int64_t>(start + count, 7); ++i)
      ids.push_back("2401." + std::to_string(10000 + i) + "v1");
    return ok(feed_xml(7, start, ids));
  };
  Gathered g = gather_from_api(search_settings(5, 3), api.fetch());
  ASSERT_EQ(api.requests.size(), 2u);
  EXPECT_EQ(url_number(api.requests[1].url, "start"), 3);
  EXPECT_EQ(url_number(api.requests[1].url, "max_results"), 2);
  EXPECT_EQ(g.listing.size(), 5u);

  api.requests.clear();
  g = gather_from_api(search_settings(50, 3), api.fetch());  // stops at totalResults
  EXPECT_EQ(api.requests.size(), 3u);
  EXPECT_EQ(g.listing.size(), 7u);
}

TEST(ApiSourceTest, OverlappingPagesAreDeduplicatedAndPagingContinues) {
  // A new submission arrives between the two requests: page 2 starts with page 1's last paper.
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) {
    int64_t start = url_number(r.url, "start");
    if (start == 0) return ok(feed_xml(6, 0, {"2401.00009v1", "2401.00008v1", "2401.00007v1"}));
    if (start == 3) return ok(feed_xml(7, 3, {"2401.00007v1", "2401.00006v2", "2401.00005v1"}));
    return ok(feed_xml(7, start, {"2401.00004v1"}));
  };
  Gathered g = gather_from_api(search_settings(6, 3), api.fetch());
  EXPECT_EQ(api.requests.size(), 3u);  // 5 distinct after two pages: one more page
  Selection s = select_papers(g.listing, g.lookups, {}, 6);
  EXPECT_EQ(s.papers.size(), 6u);
  EXPECT_EQ(s.duplicates_dropped, 1);
  EXPECT_EQ(g.total_results, 7);
}

TEST(ApiSourceTest, AServerThatIgnoresStartDoesNotMakeUsWalkTheWholeListing) {
  FakeApi api;
  api.answer = [](const HttpRequest&, int) {
    return ok(feed_xml(100000, 0, {"2401.00002v1", "2401.00001v1"}));
  };
  Gathered g = gather_from_api(search_settings(50, 2), api.fetch());
  EXPECT_EQ(api.requests.size(), 2u);
  ASSERT_EQ(g.warnings.size(), 1u);
  EXPECT_EQ(g.warnings[0],
            "the page at start 2 only repeated papers already listed; paging stopped");
  EXPECT_EQ(select_papers(g.listing, g.lookups, {}, 50).papers.size(), 2u);
}

TEST(ApiSourceTest, EmptyFirstPageIsRetriedThenAnErrorNeverZeroPapers) {
  FakeApi api;
  api.answer = [](const HttpRequest&, int) { return ok(feed_xml(5, 0, {})); };
  FetchSettings settings = search_settings(10, 10);
  settings.retry_empty_page = 2;
  expect_stage_error([&] { gather_from_api(settings, api.fetch()); },
                     "arXiv returned an empty page for GET "
                     "https://export.arxiv.org/api/query?search_query=cat%3Acs.SE&start=0"
                     "&max_results=10&sortBy=submittedDate&sortOrder=descending although it "
                     "reports 5 results (start 0), 3 times");
  EXPECT_EQ(api.requests.size(), 3u);
}

TEST(ApiSourceTest, EmptyPageThatRecoversOnRetry) {
  FakeApi api;
  api.answer = [](const HttpRequest&, int call) {
    return ok(call == 1 ? feed_xml(2, 0, {}) : feed_xml(2, 0, {"2401.00002v1", "2401.00001v1"}));
  };
  Gathered g = gather_from_api(search_settings(10, 10), api.fetch());
  EXPECT_EQ(g.listing.size(), 2u);
  ASSERT_EQ(g.requests.size(), 2u);
  EXPECT_EQ(g.requests[0].entries, 0);
  EXPECT_EQ(g.requests[1].attempt, 2);
}

TEST(ApiSourceTest, TotalResultsZeroReallyIsZeroPapers) {
  QUIRE_REQUIRE_CORPUS();
  FakeApi api;
  api.answer = [](const HttpRequest&, int) {
    return ok(testing::corpus_file("atom/empty_id_0000.0000.xml"));
  };
  Gathered g = gather_from_api(search_settings(10, 10), api.fetch());
  EXPECT_EQ(api.requests.size(), 1u);
  EXPECT_TRUE(g.listing.empty());
  EXPECT_EQ(g.total_results, 0);
}

TEST(ApiSourceTest, TheErrorFeedBecomesAnErrorNamingTheProblem) {
  QUIRE_REQUIRE_CORPUS();
  FakeApi api;
  api.answer = [](const HttpRequest&, int) {
    HttpResponse r = ok(testing::corpus_file("atom/error_http400_incorrect_id_abc.xml"));
    r.status = 400;
    return r;
  };
  FetchSettings settings;
  settings.query.ids = {*parse_arxiv_id("2104.09864")};
  expect_stage_error([&] { gather_from_api(settings, api.fetch()); },
                     "arXiv API error: incorrect id format for abc (HTTP 400 for GET "
                     "https://export.arxiv.org/api/query?id_list=2104.09864");
}

TEST(ApiSourceTest, BadStatusesAndBodiesAreErrors) {
  FakeApi api;
  api.answer = [](const HttpRequest&, int) {
    HttpResponse r = ok("Service Unavailable");
    r.status = 503;
    return r;
  };
  expect_stage_error([&] { gather_from_api(search_settings(5, 5), api.fetch()); },
                     "arXiv API answered HTTP 503 for GET https://export.arxiv.org/api/query?"
                     "search_query=cat%3Acs.SE&start=0&max_results=5&sortBy=submittedDate&"
                     "sortOrder=descending: Service Unavailable");
  api.answer = [](const HttpRequest&, int) { return ok("<html><p>Rate exceeded.</p></html>"); };
  expect_stage_error([&] { gather_from_api(search_settings(5, 5), api.fetch()); },
                     "is not a usable feed: not an Atom feed (root element <html>)");
  api.answer = [](const HttpRequest&, int) { return ok("<feed><entry></feed>"); };
  expect_stage_error([&] { gather_from_api(search_settings(5, 5), api.fetch()); },
                     "is not a usable feed: malformed XML at line 1");
  api.answer = [](const HttpRequest&, int) { return ok("<feed/>"); };
  expect_stage_error([&] { gather_from_api(search_settings(5, 5), api.fetch()); },
                     "has no opensearch:totalResults");
}

TEST(ApiSourceTest, IdsAreLookedUpWithTheirUnversionedFormsSeparately) {
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) {
    if (r.url.find("id_list=2104.09864v2%2C1111.2011") != std::string::npos)
      return ok(feed_xml(2, 0, {"2104.09864v2", "1111.2011v2"}));
    return ok(feed_xml(1, 0, {"2104.09864v5"}));
  };
  FetchSettings settings;
  settings.query.ids = {*parse_arxiv_id("2104.09864v2"), *parse_arxiv_id("1111.2011"),
                        *parse_arxiv_id("2104.09864")};
  Gathered g = gather_from_api(settings, api.fetch());
  ASSERT_EQ(api.requests.size(), 2u);  // no search: only lookups
  EXPECT_EQ(api.requests[0].url,
            "https://export.arxiv.org/api/query?id_list=2104.09864v2%2C1111.2011&start=0"
            "&max_results=2");
  EXPECT_EQ(api.requests[1].url,
            "https://export.arxiv.org/api/query?id_list=2104.09864&start=0&max_results=1");
  Selection s = select_papers(g.listing, g.lookups, settings.query.ids, 50);
  ASSERT_EQ(s.papers.size(), 3u);  // both forms were asked for: both are in the ledger
  EXPECT_EQ(s.papers[1].entry.id->str(), "2104.09864v2");
  EXPECT_EQ(s.papers[2].entry.id->str(), "2104.09864v5");
  ASSERT_EQ(s.notices.size(), 1u);
  EXPECT_EQ(s.notices[0].latest, "2104.09864v5");
}

TEST(ApiSourceTest, ACacheMissPropagates) {
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) -> HttpResponse {
    throw CacheMiss("no recorded response for GET " + r.url);
  };
  EXPECT_THROW(gather_from_api(search_settings(5, 5), api.fetch()), CacheMiss);
}

// --- PDFs ---

const std::string kPdf = "%PDF-1.5\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

std::vector<PaperRecord> records_for(const std::vector<std::string>& ids) {
  Selection selection;
  for (const auto& id : ids) {
    SelectedPaper paper;
    paper.entry.raw_id = "http://arxiv.org/abs/" + id;
    paper.entry.id = parse_arxiv_id(id);
    selection.papers.push_back(paper);
  }
  return make_records(selection, "https://arxiv.org/pdf/");
}

struct Sink {
  std::map<std::string, std::string> blobs;
  std::vector<std::pair<uint64_t, uint64_t>> progress;
  DownloadHooks hooks(FakeApi& api) {
    return {api.fetch(), [this](const std::string& n, const std::string& b) { blobs[n] = b; },
            [] {},
            [this](uint64_t d, uint64_t t) {
              progress.push_back({d, t});
            }};
  }
};

TEST(DownloadTest, EachPaperSucceedsOrFailsOnItsOwn) {
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) -> HttpResponse {
    if (r.url.find("2401.00001") != std::string::npos) return ok(kPdf);
    if (r.url.find("2401.00002") != std::string::npos) {
      HttpResponse missing = ok("not found");
      missing.status = 404;
      return missing;
    }
    if (r.url.find("2401.00003") != std::string::npos) return ok(kPdf.substr(0, 20));
    if (r.url.find("2401.00004") != std::string::npos) return ok("<html>captcha</html>");
    throw StageError("GET " + r.url + ": connection refused");
  };
  auto records =
      records_for({"2401.00001v1", "2401.00002v1", "2401.00003v1", "2401.00004v1", "2401.00005v1"});
  FetchSettings settings;
  settings.parallel_downloads = 3;
  settings.max_pdf_bytes = 12345;
  Sink sink;
  download_pdfs(records, settings, sink.hooks(api));

  EXPECT_EQ(records[0].pdf.status, "downloaded");
  EXPECT_EQ(records[0].pdf.output, "2401.00001v1.pdf");
  EXPECT_EQ(records[0].pdf.bytes, kPdf.size());
  EXPECT_EQ(records[0].pdf.digest, sha256_digest(kPdf));
  EXPECT_EQ(sink.blobs, (std::map<std::string, std::string>{{"2401.00001v1.pdf", kPdf}}));
  EXPECT_EQ(records[1].pdf.status, "failed");
  EXPECT_EQ(records[1].pdf.error, "HTTP 404 for GET https://arxiv.org/pdf/2401.00002v1");
  EXPECT_EQ(records[2].pdf.error,
            "truncated PDF (no %%EOF in its last 2048 bytes) (GET "
            "https://arxiv.org/pdf/2401.00003v1)");
  EXPECT_EQ(records[3].pdf.error.rfind("not a PDF (does not start with %PDF-)", 0), 0u);
  EXPECT_EQ(records[4].pdf.error, "GET https://arxiv.org/pdf/2401.00005v1: connection refused");
  for (size_t i = 1; i < records.size(); ++i) EXPECT_EQ(records[i].pdf.output, "");
  ASSERT_EQ(api.requests.size(), 5u);
  for (const auto& r : api.requests) {
    EXPECT_TRUE(r.immutable);
    EXPECT_TRUE(r.expect_pdf);
    EXPECT_EQ(r.max_bytes, 12345u);
  }
  ASSERT_EQ(sink.progress.size(), 5u);
  EXPECT_EQ(sink.progress.back(), (std::pair<uint64_t, uint64_t>{5, 5}));
}

TEST(DownloadTest, ParallelDownloadsGiveTheSameRecordsAsSerialOnes) {
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) { return ok(kPdf + "% " + r.url + "\n"); };
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) ids.push_back("2401." + std::to_string(10000 + i) + "v1");
  auto serial = records_for(ids), parallel = records_for(ids);
  FetchSettings settings;
  settings.parallel_downloads = 1;
  Sink a, b;
  download_pdfs(serial, settings, a.hooks(api));
  settings.parallel_downloads = 8;
  download_pdfs(parallel, settings, b.hooks(api));
  EXPECT_EQ(a.blobs, b.blobs);
  EXPECT_EQ(b.blobs.size(), 40u);
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(serial[i].pdf.digest, parallel[i].pdf.digest);
    EXPECT_EQ(parallel[i].pdf.output, ids[i] + ".pdf");
  }
}

TEST(DownloadTest, UnversionedPdfsAreNotImmutable) {
  FakeApi api;
  api.answer = [](const HttpRequest&, int) { return ok(kPdf); };
  auto records = records_for({"astro-ph/0601001"});
  Sink sink;
  download_pdfs(records, FetchSettings(), sink.hooks(api));
  ASSERT_EQ(api.requests.size(), 1u);
  EXPECT_EQ(api.requests[0].url, "https://arxiv.org/pdf/astro-ph/0601001");
  EXPECT_FALSE(api.requests[0].immutable);
  EXPECT_EQ(records[0].pdf.output, "astro-ph_0601001.pdf");
}

TEST(DownloadTest, ACacheMissStopsTheStageNamingTheFirstMissingRequest) {
  FakeApi api;
  api.answer = [](const HttpRequest& r, int) -> HttpResponse {
    if (r.url.find("v2") != std::string::npos)
      throw CacheMiss("no recorded response for GET " + r.url);
    return ok(kPdf);
  };
  auto records = records_for({"2401.00001v1", "2401.00002v2", "2401.00003v2", "2401.00004v1"});
  FetchSettings settings;
  settings.parallel_downloads = 1;
  Sink sink;
  try {
    download_pdfs(records, settings, sink.hooks(api));
    ADD_FAILURE() << "no cache miss";
  } catch (const CacheMiss& e) {
    EXPECT_STREQ(e.what(), "no recorded response for GET https://arxiv.org/pdf/2401.00002v2");
  }
}

TEST(PdfTest, ProblemsAndDigests) {
  EXPECT_EQ(pdf_problem(kPdf), "");
  EXPECT_EQ(pdf_problem(""), "empty file");
  EXPECT_EQ(pdf_problem("%PDF-1.4\n" + std::string(3000, 'x')),
            "truncated PDF (no %%EOF in its last 2048 bytes)");
  EXPECT_EQ(pdf_problem("%PDF-1.4\n%%EOF\n" + std::string(2048, 'x')),
            "truncated PDF (no %%EOF in its last 2048 bytes)");
  EXPECT_EQ(pdf_problem(kPdf + std::string(2000, '\n')), "");
  EXPECT_EQ(sha256_digest("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_digest(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace quire::arxiv
