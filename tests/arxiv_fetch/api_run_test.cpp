// End to end in API mode: the real quire binary runs arxiv-fetch against a real HTTP server on
// loopback that answers with two real arXiv API pages (shared corpus) and serves PDFs, one of
// which is an HTML page. Then the server goes away and --no-fresh must replay everything.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "corpus.hpp"
#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::arxiv {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::TempDir;
using quire::testing::write_text;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";
constexpr const char* kHtmlPaper = "2405.13786v1";  // its "PDF" is a web page
const std::string kPdf =
    "%PDF-1.4\n% a small stand-in PDF\n" + std::string(3000, 'x') + "\n%%EOF\n";

// Plays export.arxiv.org and arxiv.org/pdf on 127.0.0.1.
class FakeArxiv {
 public:
  FakeArxiv() {
    server_.Get("/api/query", [this](const httplib::Request& req, httplib::Response& res) {
      note(req);
      std::string start = req.has_param("start") ? req.get_param_value("start") : "0";
      if (start == "0")
        res.set_content(testing::corpus_file("atom/page1_q_testing_start0_max10.xml"),
                        "application/atom+xml");
      else if (start == "10")
        res.set_content(testing::corpus_file("atom/page2_q_testing_start10_max10.xml"),
                        "application/atom+xml");
      else
        res.status = 404;
    });
    server_.Get(R"(/pdf/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      note(req);
      if (req.matches[1] == kHtmlPaper)
        res.set_content("<!DOCTYPE html><html>Please prove you are human</html>", "text/html");
      else
        res.set_content(kPdf, "application/pdf");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeArxiv() {
    server_.stop();
    thread_.join();
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  size_t count(const std::string& prefix) {
    size_t n = 0;
    for (const auto& r : requests()) n += r.rfind(prefix, 0) == 0;
    return n;
  }
  std::string user_agent() {
    std::lock_guard<std::mutex> lock(mutex_);
    return user_agent_;
  }

 private:
  void note(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(req.path + (req.params.empty()
                                        ? ""
                                        : "?" + httplib::detail::params_to_query_str(req.params)));
    user_agent_ = req.get_header_value("User-Agent");
  }
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> requests_;
  std::string user_agent_;
};

class ApiRunTest : public ::testing::Test {
 protected:
  void write_workflow(const std::string& base) {
    write_text(dir_ / "fetch.toml",
               "[workflow]\nname = \"api\"\n[stages.fetch]\nplugin = \"arxiv-fetch\"\n"
               "[stages.fetch.config]\nphrases = [\"testing\"]\nmax_results = 20\n"
               "page_size = 10\napi_delay_ms = 0\nparallel_downloads = 4\n"
               "api_url = \"" +
                   base + "/api/query\"\npdf_base = \"" + base + "/pdf/\"\n");
  }
  quire::testing::ProcessResult run(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run",       (dir_ / "fetch.toml").string(),
                                     "--run-dir", (dir_ / "run").string(),
                                     "--cache",   (dir_ / "cache").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args, {kEpoch});
  }
  std::string output(const std::string& name) { return read_text(dir_ / "run" / "fetch" / name); }

  TempDir dir_;
};

TEST_F(ApiRunTest, FetchesPagesAndPdfsThenReplaysWithoutTheServer) {
  QUIRE_REQUIRE_CORPUS();
  std::string papers, report;
  {
    FakeArxiv arxiv;
    write_workflow(arxiv.base());
    auto fresh = run();
    ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
    EXPECT_EQ(arxiv.count("/api/query"), 2u);  // two pages of ten
    EXPECT_EQ(arxiv.count("/pdf/"), 20u);
    EXPECT_EQ(arxiv.user_agent().rfind("quire/", 0), 0u) << arxiv.user_agent();
    for (const auto& r : arxiv.requests())
      if (r.rfind("/api/query", 0) == 0) EXPECT_NE(r.find("testing"), std::string::npos) << r;

    papers = output("papers.json");
    report = output("fetch_report.json");
    auto records = Json::parse(papers);
    ASSERT_EQ(records.size(), 20u);
    size_t failed = 0;
    for (const auto& p : records) {
      if (p["id"] == kHtmlPaper) {
        ++failed;
        EXPECT_EQ(p["pdf_status"], "failed");
        EXPECT_NE(p["pdf_error"].get<std::string>().find("not a PDF"), std::string::npos)
            << p["pdf_error"];
      } else {
        EXPECT_EQ(p["pdf_status"], "downloaded") << p["id"];
      }
    }
    EXPECT_EQ(failed, 1u);
    EXPECT_EQ(output("2202.12139v1.pdf"), kPdf);

    // A fresh rerun asks for the listing again (it changes daily) but not for versioned PDFs it
    // already has; only the one that came back as a web page is asked for again.
    auto again = run();
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(arxiv.count("/api/query"), 4u);
    EXPECT_EQ(arxiv.count("/pdf/"), 21u);
    EXPECT_EQ(output("papers.json"), papers);
  }  // the server is gone from here on

  auto replay = run({"--no-fresh", "--force", "fetch"});
  ASSERT_EQ(replay.exit_code, 0) << replay.err;
  EXPECT_EQ(output("papers.json"), papers);
  EXPECT_EQ(output("fetch_report.json"), report);

  auto missing = run({"--no-fresh", "--set", "fetch.max_results=25"});
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  EXPECT_NE(missing.err.find("fetch: not-cached"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("no recorded response for GET http://127.0.0.1:"), std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace quire::arxiv
