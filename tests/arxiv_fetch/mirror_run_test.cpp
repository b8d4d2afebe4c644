// End to end: the real quire binary runs arxiv-fetch on a mirror built in a temp dir from a
// real legacy feed and its real PDF (from the shared corpus) plus a hand-written feed.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "corpus.hpp"
#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::arxiv {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::ProcessResult;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::run_quire_in;
using quire::testing::TempDir;
using quire::testing::write_text;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";
// sha256sum ../shared/corpus/pdfs/1111.2011v2.pdf
constexpr const char* kCorpusPdfDigest =
    "sha256:5b20fcfce4f86d92aca9625cd173c15bd2711f19cd6db15fa6ac53596fdcd1d9";

const std::string kSmallPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

// Fictional papers, written for this test: a TeX abstract, an affiliation, a paper listed in
// two versions (the newer one with a broken PDF), an old-style id without a PDF, and a paper
// the query must not match.
const char* kFixtureFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
      xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <opensearch:totalResults>4</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/2401.00001v1</id>
    <published>2024-01-01T10:00:00Z</published>
    <updated>2024-01-01T10:00:00Z</updated>
    <title>Probing Rotary Position Embedding
      at Toy Scale</title>
    <summary>  We rotate queries by $\theta_i$ and find that \emph{relative} offsets
dominate --- at least in R\'{e}nyi terms.
</summary>
    <author><name>Ada Example</name><arxiv:affiliation>Nowhere Lab</arxiv:affiliation></author>
    <author><name>Bo Sample</name></author>
    <category term="cs.CL"/><category term="cs.LG"/>
    <arxiv:primary_category term="cs.CL"/>
    <arxiv:comment>9 pages</arxiv:comment>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.00002v1</id>
    <published>2024-01-02T10:00:00Z</published>
    <updated>2024-01-02T10:00:00Z</updated>
    <title>Where Attention Sinks Come From</title>
    <summary>A first version.</summary>
    <author><name>Cy Person</name></author>
    <category term="cs.CL"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.00002v2</id>
    <published>2024-01-02T10:00:00Z</published>
    <updated>2024-02-02T10:00:00Z</updated>
    <title>Where Attention Sinks Come From</title>
    <summary>A second version.</summary>
    <author><name>Cy Person</name></author>
    <category term="cs.CL"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/cs/9901001v1</id>
    <published>1999-01-05T00:00:00Z</published>
    <updated>1999-01-05T00:00:00Z</updated>
    <title>An Old Note</title>
    <summary>Mentions an attention sink in passing.</summary>
    <author><name>Di Elder</name></author>
    <category term="cs.CL"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.00003v1</id>
    <published>2024-01-03T10:00:00Z</published>
    <updated>2024-01-03T10:00:00Z</updated>
    <title>Language Models Across Europe</title>
    <summary>Nothing about positions.</summary>
    <author><name>Eve Other</name></author>
    <category term="cs.CL"/>
  </entry>
</feed>
)";

class MirrorRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!arxiv::testing::corpus_available()) return;
    fs::path corpus = arxiv::testing::corpus_dir();
    fs::create_directories(mirror() / "legacy");
    fs::copy_file(corpus / "atom/legacy2016_id_list_1111.2011v2.xml",
                  mirror() / "legacy/legacy2016_id_list_1111.2011v2.xml");
    fs::copy_file(corpus / "pdfs/1111.2011v2.pdf", mirror() / "1111.2011v2.pdf");
    write_text(mirror() / "fixture.xml", kFixtureFeed);
    write_text(mirror() / "pdfs/2401.00001v1.pdf", kSmallPdf);
    write_text(mirror() / "pdfs/2401.00002v1.pdf", kSmallPdf);
    write_text(mirror() / "pdfs/2401.00002v2.pdf", kSmallPdf.substr(0, 60));  // cut short
    write_text(workflow(), R"([workflow]
name = "arxiv-mirror"

[stages.fetch]
plugin = "arxiv-fetch"
[stages.fetch.config]
categories = ["cs.CL"]
phrases = ["rotary position embedding", "attention sink"]
ids = ["1111.2011v2", "../../etc/passwd"]
mirror = "file://)" + mirror().string() +
                               R"("
)");
  }

  fs::path mirror() const { return dir_ / "mirror"; }
  fs::path workflow() const { return dir_ / "fetch.toml"; }

  ProcessResult run(const fs::path& run_dir, const fs::path& cache,
                    std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run",     workflow().string(), "--run-dir", run_dir.string(),
                                     "--cache", cache.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args, {kEpoch});
  }

  static std::map<std::string, std::string> files(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(dir))
      out[entry.path().filename().string()] = read_text(entry.path());
    return out;
  }

  TempDir dir_;
};

TEST_F(MirrorRunTest, FetchesFromAMirrorWithPerPaperErrors) {
  QUIRE_REQUIRE_CORPUS();
  ProcessResult result = run(dir_ / "run", dir_ / "cache");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;

  Json papers = Json::parse(read_text(dir_ / "run/fetch/papers.json"));
  ASSERT_EQ(papers.size(), 4u);
  std::vector<std::string> ids;
  for (const auto& p : papers) ids.push_back(p["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"1111.2011v2", "2401.00001v1", "2401.00002v2",
                                           "cs/9901001v1"}));

  const Json& legacy = papers[0];
  EXPECT_EQ(legacy["base_id"], "1111.2011");
  EXPECT_EQ(legacy["version"], 2);
  EXPECT_EQ(legacy["title"],
            "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity "
            "Limit");
  EXPECT_EQ(legacy["authors"][2]["name"], "Zlatko Tesanovic");
  EXPECT_EQ(legacy["authors"][2]["affiliations"], Json::array());
  EXPECT_EQ(legacy["doi"], "10.1103/PhysRevB.85.115117");
  EXPECT_EQ(legacy["journal_ref"], "Phys. Rev. B 85, 115117 (2012)");
  EXPECT_EQ(legacy["primary_category"], "cond-mat.str-el");
  EXPECT_EQ(legacy["published"], "2011-11-08T18:48:36Z");
  EXPECT_EQ(legacy["updated"], "2012-04-02T12:38:54Z");
  EXPECT_EQ(legacy["pdf_url"], "https://arxiv.org/pdf/1111.2011v2");
  EXPECT_EQ(legacy["abs_url"], "https://arxiv.org/abs/1111.2011v2");
  EXPECT_EQ(legacy["matched_by"], Json::array({"id"}));
  EXPECT_EQ(legacy["source"], "mirror:legacy/legacy2016_id_list_1111.2011v2.xml");
  EXPECT_EQ(legacy["pdf_status"], "copied");
  EXPECT_EQ(legacy["pdf_output"], "1111.2011v2.pdf");
  EXPECT_EQ(legacy["pdf_digest"], kCorpusPdfDigest);
  EXPECT_EQ(legacy["pdf_bytes"], 472193);
  EXPECT_EQ(legacy["pdf_error"], nullptr);
  std::string corpus_pdf = arxiv::testing::corpus_file("pdfs/1111.2011v2.pdf");
  EXPECT_TRUE(read_text(dir_ / "run/fetch/1111.2011v2.pdf") == corpus_pdf);

  const Json& toy = papers[1];
  EXPECT_EQ(toy["title"], "Probing Rotary Position Embedding at Toy Scale");
  EXPECT_EQ(toy["abstract"],
            "We rotate queries by θ_i and find that relative offsets dominate — at least in "
            "Rényi terms.");
  EXPECT_EQ(toy["abstract_tex"].get<std::string>().substr(0, 26), "  We rotate queries by $\\t");
  EXPECT_EQ(toy["authors"][0]["affiliations"], Json::array({"Nowhere Lab"}));
  EXPECT_EQ(toy["categories"], Json::array({"cs.CL", "cs.LG"}));
  EXPECT_EQ(toy["comment"], "9 pages");
  EXPECT_EQ(toy["doi"], nullptr);
  EXPECT_EQ(toy["matched_by"], Json::array({"search"}));
  EXPECT_EQ(toy["pdf_status"], "copied");

  const Json& sinks = papers[2];  // v1 and v2 both listed: v2 kept, its PDF is broken
  EXPECT_EQ(sinks["pdf_status"], "failed");
  EXPECT_EQ(sinks["pdf_output"], nullptr);
  EXPECT_EQ(sinks["pdf_error"],
            "truncated PDF (no %%EOF in its last 2048 bytes) (mirror file pdfs/2401.00002v2.pdf)");
  EXPECT_EQ(papers[3]["pdf_error"], "no cs_9901001v1.pdf in the mirror");

  Json report = Json::parse(read_text(dir_ / "run/fetch/fetch_report.json"));
  EXPECT_EQ(report["mode"], "mirror");
  EXPECT_EQ(report["feeds"],
            Json::array({"fixture.xml", "legacy/legacy2016_id_list_1111.2011v2.xml"}));
  EXPECT_EQ(report["query"]["search_query"],
            "cat:cs.CL AND (ti:\"rotary position embedding\" OR abs:\"rotary position "
            "embedding\" OR ti:\"attention sink\" OR abs:\"attention sink\")");
  EXPECT_EQ(report["counts"]["papers"], 4);
  EXPECT_EQ(report["counts"]["from_search"], 3);
  EXPECT_EQ(report["counts"]["duplicates_dropped"], 1);
  EXPECT_EQ(report["counts"]["pdfs_copied"], 2);
  EXPECT_EQ(report["counts"]["pdfs_failed"], 2);
  EXPECT_EQ(report["total_results"], 4);  // 4 entries match, 3 papers after the dedupe
  ASSERT_EQ(report["notices"].size(), 1u);
  EXPECT_EQ(report["notices"][0]["message"],
            "new version available: 2401.00002v2 (listed as both 2401.00002v1 and 2401.00002v2)");
  ASSERT_EQ(report["errors"].size(), 3u);
  EXPECT_EQ(report["errors"][0]["id"], "../../etc/passwd");
  EXPECT_EQ(report["errors"][0]["stage"], "id");
  EXPECT_EQ(report["errors"][1]["id"], "2401.00002v2");
  EXPECT_EQ(report["errors"][1]["stage"], "pdf");
  EXPECT_EQ(report["errors"][2]["id"], "cs/9901001v1");

  // The hostile id named no file anywhere.
  for (const auto& entry : fs::recursive_directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().string().find("passwd"), std::string::npos) << entry.path();
  EXPECT_EQ(files(dir_ / "run/fetch").size(), 4u);  // two JSON files, two PDFs
}

TEST_F(MirrorRunTest, RerunsAreByteIdenticalAndWorkWithoutNetwork) {
  QUIRE_REQUIRE_CORPUS();
  ASSERT_EQ(run(dir_ / "run", dir_ / "cache").exit_code, 0);
  auto first = files(dir_ / "run/fetch");
  ProcessResult again = run(dir_ / "run", dir_ / "cache");  // volatile: it runs again
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "1 stage, 0 cached, 1 ran\n");
  EXPECT_TRUE(files(dir_ / "run/fetch") == first);
  ProcessResult offline = run(dir_ / "run2", dir_ / "cache2", {"--no-fresh"});
  ASSERT_EQ(offline.exit_code, 0) << offline.err;  // a mirror is local: allowed offline
  EXPECT_TRUE(files(dir_ / "run2/fetch") == first);
}

// `mirror = "mirror"` in the workflow means the directory beside the workflow file, whatever
// directory quire runs in; outputs record the setting as written, so a moved checkout produces
// the same bytes.
TEST_F(MirrorRunTest, ARelativeMirrorIsReadBesideTheWorkflowFromAnyDirectory) {
  QUIRE_REQUIRE_CORPUS();
  std::string text = read_text(workflow());
  text.replace(text.find("mirror = "), std::string::npos, "mirror = \"mirror\"\n");
  write_text(workflow(), text);
  auto run_from = [&](const fs::path& top, const fs::path& cwd) {
    return run_quire_in(cwd.string(),
                        {"run", (top / "fetch.toml").string(), "--run-dir", (top / "run").string(),
                         "--cache", (top / "cache").string()},
                        {kEpoch});
  };
  fs::create_directories(dir_ / "elsewhere");
  ProcessResult here = run_from(dir_.path(), dir_ / "elsewhere");
  ASSERT_EQ(here.exit_code, 0) << here.err;
  Json report = Json::parse(read_text(dir_ / "run/fetch/fetch_report.json"));
  EXPECT_EQ(report["query"]["mirror"], "mirror");
  EXPECT_EQ(report["counts"]["papers"], 4);
  EXPECT_EQ(report["counts"]["pdfs_copied"], 2);
  auto first = files(dir_ / "run/fetch");

  fs::path moved = dir_ / "moved";
  fs::create_directories(moved);
  fs::copy(workflow(), moved / "fetch.toml");
  fs::copy(mirror(), moved / "mirror", fs::copy_options::recursive);
  ProcessResult there = run_from(moved, fs::path("/"));
  ASSERT_EQ(there.exit_code, 0) << there.err;
  EXPECT_TRUE(files(moved / "run/fetch") == first);
}

TEST_F(MirrorRunTest, ABrokenMirrorFeedFailsTheStageNamingTheFile) {
  QUIRE_REQUIRE_CORPUS();
  write_text(mirror() / "zz_broken.xml", "<feed><entry>\n</feed>");
  ProcessResult result = run(dir_ / "run", dir_ / "cache");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("mirror feed zz_broken.xml: malformed XML at line 2"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace quire::arxiv
