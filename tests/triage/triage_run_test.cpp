// End to end: the real quire binary runs arxiv-fetch on a mirror written into a temp dir (an
// Atom feed of fictional papers, one of them about wireless channels) and then triage.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::triage {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::ProcessResult;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::TempDir;
using quire::testing::write_text;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

std::string entry(const std::string& id, const std::string& title, const std::string& summary,
                  const std::string& primary, const std::vector<std::string>& categories) {
  std::string xml = "  <entry>\n    <id>http://arxiv.org/abs/" + id + "</id>\n" +
                    "    <published>2025-01-10T00:00:00Z</published>\n" +
                    "    <updated>2025-01-10T00:00:00Z</updated>\n" + "    <title>" + title +
                    "</title>\n    <summary>" + summary + "</summary>\n" +
                    "    <author><name>Test Author</name></author>\n" +
                    "    <arxiv:primary_category term=\"" + primary + "\"/>\n";
  for (const auto& c : categories) xml += "    <category term=\"" + c + "\"/>\n";
  return xml + "  </entry>\n";
}

// Fictional papers written for this test.
std::string feed() {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
      xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <opensearch:totalResults>5</opensearch:totalResults>
)" +
         entry("2502.10001v1", "Attention Sinks Under Rotary Position Embedding",
               "We trace how rotary position embeddings (RoPE) steer attention sinks toward the "
               "first token in small causal models.",
               "cs.CL", {"cs.CL", "cs.LG"}) +
         entry("2502.10002v1", "Positional Encoding for Wireless Channel Estimation",
               "A positional encoding of antenna and subcarrier indices helps a small network "
               "interpolate channel estimates between pilot tones in wireless receivers.",
               "eess.SP", {"eess.SP", "cs.LG"}) +
         entry("2502.10003v1", "Massive Activations and the Causal Mask",
               "Massive activations sit in a few dimensions and vanish when the causal mask "
               "is removed.",
               "cs.LG", {"cs.LG"}) +
         entry("2502.10004v2", "Comparing Positional Encodings in Transformers",
               "We list the positional encodings that transformer models use and count their "
               "parameters.",
               "cs.CL", {"cs.CL"}) +
         entry("2502.10005v1", "Tokenizers Across Europe",
               "Subword vocabularies for the languages of Europe, compared.", "cs.CL", {"cs.CL"}) +
         "</feed>\n";
}

std::string workflow(const fs::path& mirror, const std::string& sink_weight) {
  return R"([workflow]
name = "triage-e2e"

[stages.fetch]
plugin = "arxiv-fetch"
[stages.fetch.config]
categories = ["cs.CL", "cs.LG"]
download_pdfs = false
mirror = ")" +
         mirror.string() + R"("

[stages.triage]
plugin = "triage"
needs = ["fetch"]
[stages.triage.config]
required = ["rotary position embedding", "attention sink", "massive activations"]
excluded = ["wireless", "channel estimation"]
top_n = 10
[stages.triage.config.categories]
"cs.CL" = 1
"cs.LG" = 0.5
"eess.SP" = -2

[[stages.triage.config.terms]]
term = "rotary position embedding"
acronym = "RoPE"
weight = 4

[[stages.triage.config.terms]]
term = "attention sink"
weight = )" +
         sink_weight +
         R"(

[[stages.triage.config.terms]]
term = "massive activations"
weight = 4

[[stages.triage.config.terms]]
term = "causal mask"
weight = 2

[[stages.triage.config.terms]]
term = "positional encoding"
weight = 1.5
generic = true

[[stages.triage.config.terms]]
term = "transformer"
weight = 0.5
generic = true
)";
}

class TriageRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(dir_ / "mirror/feed.xml", feed());
    write_text(dir_ / "triage.toml", workflow(dir_ / "mirror", "4"));
  }

  ProcessResult run(const std::string& run_dir, const std::string& cache,
                    const std::string& toml = "triage.toml") {
    return run_quire({"run", (dir_ / toml).string(), "--run-dir", (dir_ / run_dir).string(),
                      "--cache", (dir_ / cache).string()},
                     {kEpoch});
  }

  std::map<std::string, std::string> outputs(const std::string& run_dir) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(dir_ / run_dir / "triage"))
      out[entry.path().filename().string()] = read_text(entry.path());
    return out;
  }

  TempDir dir_;
};

TEST_F(TriageRunTest, ClassifiesFetchedPapersWithReasons) {
  ProcessResult result = run("run", "cache");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.err.find("[triage] 5 papers: 2 in-scope, 1 weak-scope, 2 out-of-scope; queue 3"),
            std::string::npos)
      << result.err;

  Json triage = Json::parse(read_text(dir_ / "run/triage/triage.json"));
  ASSERT_EQ(triage.size(), 5u);
  std::map<std::string, Json> by_id;
  std::vector<std::string> order;
  for (const auto& a : triage) {
    by_id[a["paper_id"]] = a;
    order.push_back(a["paper_id"]);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"2502.10001v1", "2502.10003v1", "2502.10004v2",
                                             "2502.10005v1", "2502.10002v1"}));
  EXPECT_EQ(by_id["2502.10001v1"]["fit"], "in-scope");
  EXPECT_EQ(by_id["2502.10001v1"]["rank"], 1);
  EXPECT_EQ(by_id["2502.10003v1"]["fit"], "in-scope");
  EXPECT_EQ(by_id["2502.10004v2"]["fit"], "weak-scope");
  EXPECT_EQ(by_id["2502.10004v2"]["explanation"],
            "weak-scope: score 7 from generic terms and categories only (positional encoding in "
            "title and abstract, transformer in title and abstract, category cs.CL); missing "
            "required: rotary position embedding, attention sink, massive activations");
  EXPECT_EQ(by_id["2502.10005v1"]["fit"], "out-of-scope");  // "Europe" is not RoPE

  const Json& wireless = by_id["2502.10002v1"];
  EXPECT_EQ(wireless["fit"], "out-of-scope");
  EXPECT_EQ(wireless["selected"], false);
  EXPECT_EQ(wireless["excluded"], Json::array({"wireless", "channel estimation"}));
  EXPECT_EQ(wireless["missing_required"],
            Json::array({"rotary position embedding", "attention sink", "massive activations"}));
  EXPECT_EQ(wireless["reasons"][0], Json({{"term", "positional encoding"},
                                          {"kind", "generic"},
                                          {"matched", {"Positional Encoding"}},
                                          {"field", "title"},
                                          {"weight", 1.5},
                                          {"count", 1},
                                          {"contribution", 3.0}}));
  EXPECT_EQ(wireless["explanation"],
            "out-of-scope: score -7 (below weak_scope 2) from generic terms and categories only "
            "(positional encoding in title and abstract, category cs.LG); lowered by category "
            "eess.SP; missing required: rotary position embedding, attention sink, massive "
            "activations; excluded: wireless in title, channel estimation in title");

  const Json& top = by_id["2502.10001v1"];
  EXPECT_EQ(top["score"], 8 + 5 + 8 + 4 + 1.5);
  EXPECT_EQ(top["reasons"][1]["matched"], Json::array({"rotary position embeddings", "RoPE"}));
  EXPECT_EQ(top["reasons"][1]["count"], 2);
  EXPECT_EQ(top["reasons"][1]["contribution"], 5.0);
  EXPECT_EQ(top["explanation"],
            "in-scope: score 26.5 from rotary position embedding in title and abstract, "
            "attention sink in title and abstract, category cs.CL, category cs.LG; required met "
            "by rotary position embedding, attention sink");

  EXPECT_EQ(read_text(dir_ / "run/triage/queue.json"),
            "[\"2502.10001v1\",\"2502.10003v1\",\"2502.10004v2\"]\n");
}

TEST_F(TriageRunTest, RerunsAreByteIdentical) {
  ASSERT_EQ(run("run", "cache").exit_code, 0);
  auto first = outputs("run");
  ASSERT_EQ(first.size(), 2u);
  ProcessResult again = run("run", "cache");  // fetch is volatile; triage's key is unchanged
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "2 stages, 1 cached, 1 ran\n");
  EXPECT_TRUE(outputs("run") == first);
  ProcessResult fresh = run("run2", "cache2");  // computed again from nothing
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_EQ(fresh.out, "2 stages, 0 cached, 2 ran\n");
  EXPECT_TRUE(outputs("run2") == first);
}

TEST_F(TriageRunTest, ABadTermFailsTheStageNamingTheKey) {
  write_text(dir_ / "bad.toml", workflow(dir_ / "mirror", "\"high\""));
  ProcessResult result = run("run", "cache", "bad.toml");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("config terms[1].weight must be a number, not a string"),
            std::string::npos)
      << result.err;
}

TEST_F(TriageRunTest, WithoutPapersUpstreamTheStageSaysWhatItNeeds) {
  write_text(dir_ / "alone.toml", R"([workflow]
name = "triage-alone"
[stages.triage]
plugin = "triage"
[stages.triage.config]
terms = [{ term = "attention sink", weight = 4 }]
)");
  ProcessResult result = run("run", "cache", "alone.toml");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("triage needs a stage that writes papers.json"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace quire::triage
