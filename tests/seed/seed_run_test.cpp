// End to end: the real quire binary runs arxiv-fetch on a mirror written into a temp dir (fictional
// papers), then seed. No triage stage: seed then takes every paper with taxonomy fit "unknown".
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "csv_reader.hpp"
#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::seed {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::ProcessResult;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::TempDir;
using quire::testing::write_text;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

// Three fictional papers: TeX in an abstract, numbers, a comparison, a URL, "e.g.", "et al.",
// "Fig. 2", a sentence long enough to be elided, and an abstract with background only.
const char* kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
      xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <opensearch:totalResults>3</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/2402.00001v1</id>
    <published>2024-02-01T10:00:00Z</published>
    <updated>2024-02-01T10:00:00Z</updated>
    <title>Rotary Heads in Toy Decoders</title>
    <summary>Rotary position embedding (RoPE) is widely used in decoder-only models. In this
paper, we train 24 toy decoders with RoPE and probe their heads, e.g. by ablation. We find that a
single early head carries most positional information; ablating it lowers copying accuracy from
98.2\% to 41.0\%. RoPE outperforms ALiBi by 3--5 points on the distance task (see Fig. 2). Code is
at https://example.org/toy-rope/v1.0/Run.Me.</summary>
    <author><name>Ada Example</name></author>
    <category term="cs.LG"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2402.00002v2</id>
    <published>2024-02-02T10:00:00Z</published>
    <updated>2024-02-09T10:00:00Z</updated>
    <title>Where Sinks Sit</title>
    <summary>Attention sinks have been reported by Doe et al. in several model families. We show
that, under a causal mask, the first position accumulates $O(n)$ more attention mass than any
later position, that this concentration appears within the first 200 training steps, that it
survives changes of learning rate, width, depth and data order, and that it disappears when the
mask is made bidirectional. The effect is absent in encoders.</summary>
    <author><name>Bo Sample</name></author>
    <category term="cs.LG"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2402.00003v1</id>
    <published>2024-02-03T10:00:00Z</published>
    <updated>2024-02-03T10:00:00Z</updated>
    <title>A Note on Activation Scales</title>
    <summary>Activation scales vary across layers. Their study has a long history.</summary>
    <author><name>Cy Person</name></author>
    <category term="cs.LG"/>
  </entry>
</feed>
)";

class SeedRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(dir_ / "mirror/feed.xml", kFeed);
    write_workflow(R"(needs = ["fetch"]
[stages.seed.config]
anchors = ["2402.00002v1"]
max_claim_chars = 120
)");
  }

  void write_workflow(const std::string& seed_stage) {
    write_text(workflow(), R"([workflow]
name = "seed-e2e"

[stages.fetch]
plugin = "arxiv-fetch"
[stages.fetch.config]
categories = ["cs.LG"]
download_pdfs = false
mirror = ")" + (dir_ / "mirror").string() +
                               R"("

[stages.seed]
plugin = "seed"
)" + seed_stage);
  }

  fs::path workflow() const { return dir_ / "seed.toml"; }

  ProcessResult run(const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run",       workflow().string(),
                                     "--run-dir", (dir_ / name).string(),
                                     "--cache",   (dir_ / (name + "-cache")).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args, {kEpoch});
  }

  std::string output(const std::string& run, const std::string& file) const {
    return read_text(dir_ / run / "seed" / file);
  }

  TempDir dir_;
};

TEST_F(SeedRunTest, FetchThenSeedWithoutTriage) {
  ProcessResult result = run("run");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  std::string log = result.out + result.err;
  EXPECT_NE(log.find("5 evidence rows from 3 papers (1 anchor rows; 3 finding, 1 contribution, "
                     "1 background; 2 numeric, 2 comparative, 3 result; 2 elided); taxonomy fit "
                     "unknown (no triage input)"),
            std::string::npos)
      << log;

  // The anchor names version 1; the mirror has version 2: still an anchor, with a warning.
  EXPECT_NE(log.find("anchor 2402.00002v1: the queue has 2402.00002v2, whose rows are anchors all "
                     "the same"),
            std::string::npos)
      << log;

  Json papers = Json::parse(read_text(dir_ / "run/fetch/papers.json"));
  ASSERT_EQ(papers.size(), 3u);
  Json rows = Json::parse(output("run", "evidence.json"));
  ASSERT_EQ(rows.size(), 5u);

  std::vector<std::pair<std::string, int>> where;
  for (const auto& row : rows) where.emplace_back(row["paper_id"], row["sentence_index"]);
  EXPECT_EQ(where, (std::vector<std::pair<std::string, int>>{{"2402.00001v1", 1},
                                                             {"2402.00001v1", 2},
                                                             {"2402.00001v1", 3},
                                                             {"2402.00002v2", 1},
                                                             {"2402.00003v1", 0}}));
  for (size_t i = 0; i < rows.size(); ++i) {
    const Json& row = rows[i];
    EXPECT_EQ(row["taxonomy_fit"], "unknown");
    EXPECT_EQ(row["triage_rank"], nullptr);
    EXPECT_EQ(row["status"], "preliminary-linked");
    EXPECT_EQ(row["source_depth"], "abstract");
    EXPECT_EQ(row["role"], row["base_id"] == "2402.00002" ? "anchor" : "auto-produced");
    // Every quote is a whole sentence of the paper's cleaned abstract.
    for (const auto& paper : papers)
      if (paper["id"] == row["paper_id"])
        EXPECT_NE(paper["abstract"].get<std::string>().find(row["source_quote"].get<std::string>()),
                  std::string::npos)
            << row;
    EXPECT_EQ(
        row["row_id"].get<std::string>().rfind("EV-" + row["base_id"].get<std::string>() + "-", 0),
        0u);
  }

  EXPECT_EQ(rows[0]["claim_class"], "contribution");
  EXPECT_EQ(rows[0]["class_trigger"], "In this paper");
  EXPECT_EQ(rows[1]["source_quote"],
            "We find that a single early head carries most positional information; ablating it "
            "lowers copying accuracy from 98.2% to 41.0%.");
  EXPECT_EQ(rows[1]["triggers"]["numeric"], Json({"98.2%", "41.0%"}));
  EXPECT_EQ(rows[2]["source_quote"],
            "RoPE outperforms ALiBi by 3\xE2\x80\x93"
            "5 points on the distance task (see Fig. 2).");
  EXPECT_EQ(rows[2]["triggers"]["numeric"], Json({"3\xE2\x80\x93"
                                                  "5 points"}));
  EXPECT_EQ(rows[2]["triggers"]["comparative"], Json({"outperforms"}));
  EXPECT_EQ(rows[2]["flags"], Json({{"numeric", true}, {"comparative", true}, {"result", true}}));

  const Json& sink = rows[3];  // the long sentence, elided
  EXPECT_EQ(sink["role"], "anchor");
  EXPECT_EQ(sink["elided"], true);
  std::string claim = sink["claim"], quote = sink["source_quote"];
  EXPECT_NE(claim.find(" [\xE2\x80\xA6] "), std::string::npos) << claim;
  EXPECT_LE(claim.size(), 130u);
  EXPECT_EQ(quote.rfind("We show that, under a causal mask, the first position accumulates O(n) "
                        "more attention mass",
                        0),
            0u);
  EXPECT_EQ(quote.substr(quote.size() - 36), "when the mask is made bidirectional.");
  EXPECT_EQ(rows[4]["claim_class"], "background");  // the minimum of one row

  // The matrix says the same as evidence.json.
  auto table = testing::read_csv(output("run", "evidence_matrix.csv"));
  ASSERT_EQ(table.size(), rows.size() + 1);
  EXPECT_EQ(table[0][0], "row_id");
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(table[i + 1][0], rows[i]["row_id"]);
    EXPECT_EQ(table[i + 1][2], rows[i]["role"]);
    EXPECT_EQ(table[i + 1][11], rows[i]["claim"]);
    EXPECT_EQ(table[i + 1][12], rows[i]["source_quote"]);
  }
}

TEST_F(SeedRunTest, RerunsAreByteIdentical) {
  ASSERT_EQ(run("first").exit_code, 0);
  ProcessResult again = run("second");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(output("first", "evidence.json").empty());
  EXPECT_EQ(output("first", "evidence.json"), output("second", "evidence.json"));
  EXPECT_EQ(output("first", "evidence_matrix.csv"), output("second", "evidence_matrix.csv"));
}

TEST_F(SeedRunTest, ConfigErrorsNameTheKey) {
  ProcessResult result = run("run", {"--set", "seed.max_claim_chars=10"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("config key 'max_claim_chars' must be between 40 and 100000, got 10"),
            std::string::npos)
      << result.err;
  write_workflow("needs = [\"fetch\"]\nconfig = { anchors = [\"../etc/passwd\"] }\n");
  result = run("run2");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("config key 'anchors': '../etc/passwd' is not an arXiv id"),
            std::string::npos)
      << result.err;
}

TEST_F(SeedRunTest, WithoutPapersTheStageFailsSayingWhatIsMissing) {
  write_workflow("config = {}\n");
  ProcessResult result = run("run");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("no papers.json among the inputs"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace quire::seed
