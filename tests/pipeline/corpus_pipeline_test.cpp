// Golden end to end over real arXiv responses: fetch (a mirror made at test time from the
// shared corpus's Atom files) -> triage -> seed, with the real quire binary. The golden file
// holds derived data only (ids, fits, scores, row ids and flags), never corpus text.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const fs::path kCorpus = QUIRE_TEST_SHARED_CORPUS;
const fs::path kGolden =
    fs::path(QUIRE_TEST_SOURCE_DIR) / "pipeline" / "golden" / "corpus_pipeline.txt";

// A direction about testing machine-learning systems, so that the "testing" listing holds
// in-scope papers, generic-only ones (software testing without ML) and off-topic ones.
const char* kWorkflow = R"([workflow]
name = "corpus"

[stages.fetch]
plugin = "arxiv-fetch"
[stages.fetch.config]
mirror = "MIRROR"
date_from = "1991-01-01"
max_results = 100
download_pdfs = false

[stages.triage]
plugin = "triage"
needs = ["fetch"]
[stages.triage.config]
required = ["deep learning", "machine learning", "artificial intelligence", "reinforcement learning"]
excluded = ["hypothesis testing", "helium", "superfluid", "superconductor"]
in_scope = 6.0
weak_scope = 2.0
top_n = 10
min_score = 2.0
[stages.triage.config.categories]
"cs.SE" = 1.0
"cs.LG" = 1.0
[[stages.triage.config.terms]]
term = "deep learning"
weight = 4.0
[[stages.triage.config.terms]]
term = "machine learning"
weight = 3.0
[[stages.triage.config.terms]]
term = "artificial intelligence"
acronym = "AI"
weight = 3.0
[[stages.triage.config.terms]]
term = "reinforcement learning"
weight = 3.0
[[stages.triage.config.terms]]
term = "mutation testing"
weight = 2.0
[[stages.triage.config.terms]]
term = "metamorphic testing"
weight = 2.0
[[stages.triage.config.terms]]
term = "testing"
weight = 1.0
generic = true

[stages.seed]
plugin = "seed"
needs = ["fetch", "triage"]
[stages.seed.config]
anchors = ["2202.12139"]
)";

class CorpusPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(kCorpus / "atom"))
      GTEST_SKIP() << "shared corpus not found at " << kCorpus << "; skipping";
    fs::create_directories(dir_ / "mirror");
    for (const char* feed : {"page1_q_testing_start0_max10.xml",
                             "page2_q_testing_start10_max10.xml", "legacy2016_au_del_maestro.xml"})
      fs::copy_file(kCorpus / "atom" / feed, dir_ / "mirror" / feed, fs::copy_options::none);
    std::string workflow = kWorkflow;
    workflow.replace(workflow.find("MIRROR"), 6, (dir_ / "mirror").string());
    write_text(dir_ / "corpus.toml", workflow);
  }
  ProcessResult run() {
    return run_quire({"run", (dir_ / "corpus.toml").string(), "--run-dir", (dir_ / "run").string(),
                      "--cache", (dir_ / "cache").string()},
                     {"SOURCE_DATE_EPOCH=1700000000"});
  }
  Json output(const std::string& stage, const std::string& name) {
    return Json::parse(read_text(dir_ / "run" / stage / name));
  }
  // One line per paper and per evidence row: what the golden file pins down.
  std::string summary() {
    std::ostringstream out;
    for (const auto& t : output("triage", "triage.json"))
      out << "triage " << t["paper_id"].get<std::string>() << " " << t["fit"].get<std::string>()
          << " " << t["score"].dump() << (t["selected"].get<bool>() ? " queued" : "") << "\n";
    for (const auto& r : output("seed", "evidence.json"))
      out << "seed " << r["row_id"].get<std::string>() << " " << r["role"].get<std::string>() << " "
          << r["claim_class"].get<std::string>() << " numeric=" << r["flags"]["numeric"].dump()
          << " comparative=" << r["flags"]["comparative"].dump()
          << " result=" << r["flags"]["result"].dump() << "\n";
    return out.str();
  }
  TempDir dir_;
};

TEST_F(CorpusPipelineTest, RealListingsTriageAndSeedAsGolden) {
  auto first = run();
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // Named expectations, readable without the golden file.
  std::map<std::string, Json> triage;
  for (const auto& t : output("triage", "triage.json")) triage[t["paper_id"]] = t;
  EXPECT_EQ(triage["2202.12139v1"]["fit"], "in-scope");  // testing deep learning models
  bool title_hit = false;
  for (const auto& reason : triage["2202.12139v1"]["reasons"])
    title_hit = title_hit || (reason["term"] == "deep learning" && reason["field"] == "title");
  EXPECT_TRUE(title_hit) << triage["2202.12139v1"].dump();
  for (const auto& [id, t] : triage) {
    // Software testing without any machine learning is never in-scope.
    if (!t["missing_required"].empty()) EXPECT_NE(t["fit"], "in-scope") << id;
    if (!t["excluded"].empty()) EXPECT_NE(t["fit"], "in-scope") << id;
  }

  // Seed: whole sentences only, ids unique, the anchor marked, CSV rows = JSON rows.
  auto rows = output("seed", "evidence.json");
  ASSERT_FALSE(rows.empty());
  std::set<std::string> ids;
  for (const auto& r : rows) {
    EXPECT_TRUE(ids.insert(r["row_id"].get<std::string>()).second) << r["row_id"];
    std::string claim = r["claim"];
    ASSERT_FALSE(claim.empty());
    EXPECT_NE(std::string(".!?)\"'").find(claim.back()), std::string::npos)
        << "fragment: " << claim;
    EXPECT_EQ(r["source_depth"], "abstract");
    EXPECT_EQ(r["status"], "preliminary-linked");
    EXPECT_EQ(r["role"], r["base_id"] == "2202.12139" ? "anchor" : "auto-produced");
  }
  auto csv = read_text(dir_ / "run" / "seed" / "evidence_matrix.csv");
  EXPECT_EQ(csv.rfind("row_id,paper_id,role,", 0), 0u);

  std::string got = summary();
  if (std::getenv("QUIRE_UPDATE_GOLDEN")) write_text(kGolden, got);
  EXPECT_EQ(got, read_text(kGolden)) << "set QUIRE_UPDATE_GOLDEN=1 to accept a deliberate change";

  // Byte-identical rerun in a fresh cache.
  auto before = read_text(dir_ / "run" / "seed" / "evidence.json");
  fs::remove_all(dir_ / "run");
  fs::remove_all(dir_ / "cache");
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(read_text(dir_ / "run" / "seed" / "evidence.json"), before);
}

}  // namespace
}  // namespace quire::testing
