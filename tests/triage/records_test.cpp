// papers.json in, triage.json and queue.json out; the golden test runs a fixture of fictional
// papers (tests/triage/fixtures) through the whole core: parse, score, rank, write.
#include "records.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "ranking.hpp"
#include "support/temp_dir.hpp"
#include "triage_fixture.hpp"

namespace quire::triage {
namespace {

using Json = nlohmann::json;
using quire::testing::read_text;
using quire::testing::write_text;
using Strings = std::vector<std::string>;

const std::string kFixtures = QUIRE_TEST_TRIAGE_FIXTURES;

std::string parse_error(const std::string& json) {
  try {
    parse_papers(json, "papers.json from stage 'fetch'");
  } catch (const StageError& e) {
    return e.what();
  }
  return "";
}

std::vector<Assessment> triage_fixture() {
  Scorer scorer(parse_taxonomy(read_text(kFixtures + "/taxonomy.json")));
  std::vector<Assessment> all;
  for (const auto& p : parse_papers(read_text(kFixtures + "/papers.json"), "fixture"))
    all.push_back(scorer.assess(p));
  rank_and_select(&all, scorer.taxonomy());
  return all;
}

TEST(RecordsTest, ReadsTheFieldsTriageNeeds) {
  std::vector<Paper> papers = parse_papers(read_text(kFixtures + "/papers.json"), "fixture");
  ASSERT_EQ(papers.size(), 7u);
  EXPECT_EQ(papers[0].id, "2501.00001v2");
  EXPECT_EQ(papers[0].base_id, "2501.00001");
  EXPECT_EQ(papers[0].version, 2);
  EXPECT_EQ(papers[0].title, "Rotary Position Embedding and Attention Sinks in Small Decoders");
  EXPECT_EQ(papers[1].categories, (Strings{"eess.SP", "cs.IT", "cs.LG"}));
  EXPECT_EQ(papers[1].primary_category, "eess.SP");
  const Paper& empty = papers[6];  // every optional field null
  EXPECT_EQ(empty.version, 0);
  EXPECT_EQ(empty.title, "");
  EXPECT_EQ(empty.abstract, "");
  EXPECT_TRUE(empty.categories.empty());
  EXPECT_EQ(empty.primary_category, "");
}

TEST(RecordsTest, MissingBaseIdIsTheIdWithoutItsVersion) {
  auto papers = parse_papers(R"([{"id": "2501.00001v3"}, {"id": "cs/9901001v12"},
                                 {"id": "2501.00002"}])",
                             "x");
  EXPECT_EQ(papers[0].base_id, "2501.00001");
  EXPECT_EQ(papers[1].base_id, "cs/9901001");
  EXPECT_EQ(papers[2].base_id, "2501.00002");
}

TEST(RecordsTest, MalformedRecordsNameTheRecord) {
  EXPECT_EQ(parse_error("{}"),
            "papers.json from stage 'fetch' is not a JSON array of paper records");
  EXPECT_EQ(parse_error("[1"),
            "papers.json from stage 'fetch' is not a JSON array of paper records");
  EXPECT_EQ(parse_error(R"([{"id": "a"}, 7])"),
            "papers.json from stage 'fetch', record 1 is not an object");
  EXPECT_EQ(parse_error(R"([{"title": "x"}])"),
            "papers.json from stage 'fetch', record 0 has no id");
  EXPECT_EQ(parse_error(R"([{"id": 5}])"),
            "papers.json from stage 'fetch', record 0: id must be a string");
  EXPECT_EQ(parse_error(R"([{"id": "2501.00001v1", "title": ["x"]}])"),
            "papers.json from stage 'fetch', record 0 (2501.00001v1): title must be a string");
  EXPECT_EQ(parse_error(R"([{"id": "2501.00001v1", "categories": ["cs.CL", 1]}])"),
            "papers.json from stage 'fetch', record 0 (2501.00001v1): categories must be an array "
            "of strings");
  EXPECT_EQ(parse_error(R"([{"id": "2501.00001v1", "version": "2"}])"),
            "papers.json from stage 'fetch', record 0 (2501.00001v1): version must be an integer");
}

TEST(RecordsTest, MergeKeepsTheHighestVersionOfEachPaper) {
  using testing::paper;
  Paper v1 = paper("2501.00001v1", "old", ""), v2 = paper("2501.00001v2", "new", "");
  v2.version = 2;
  Paper other = paper("2501.00009v1", "other", "");
  Paper again = other;
  again.title = "same version, later list";
  Strings dropped;
  auto merged = merge_papers({{v1, other}, {v2, again}}, &dropped);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].id, "2501.00001v2");
  EXPECT_EQ(merged[1].title, "other");
  EXPECT_EQ(dropped, (Strings{"2501.00001v1", "2501.00009v1"}));
}

TEST(RecordsTest, FixtureFitsAndQueue) {
  std::vector<Assessment> all = triage_fixture();
  std::vector<std::pair<std::string, std::string>> fits;
  for (const auto& a : all) fits.emplace_back(a.paper_id, fit_name(a.fit));
  EXPECT_EQ(fits,
            (std::vector<std::pair<std::string, std::string>>{{"2501.00001v2", "in-scope"},
                                                              {"2501.00004v1", "in-scope"},
                                                              {"2501.00006v1", "in-scope"},
                                                              {"2501.00003v1", "weak-scope"},
                                                              {"2501.00005v1", "out-of-scope"},
                                                              {"2501.00007v1", "out-of-scope"},
                                                              {"2501.00002v1", "out-of-scope"}}));
  EXPECT_EQ(queue_json(all), R"(["2501.00001v2","2501.00004v1","2501.00006v1"])");
  const Assessment& wireless = all[6];
  EXPECT_EQ(wireless.excluded, (Strings{"wireless", "channel estimation", "OFDM"}));
  EXPECT_EQ(
      wireless.explanation,
      "out-of-scope: score -14.125 (below weak_scope 2) from generic terms and categories only "
      "(positional encoding in abstract, transformer in abstract, category cs.LG); "
      "lowered by category eess.SP; missing required: rotary position embedding, "
      "attention sink, massive activations, causal mask, length generalization, position "
      "interpolation; excluded: wireless in title, channel estimation in title, OFDM in "
      "abstract");
}

// Byte for byte against tests/triage/fixtures/expected_triage.json (stored indented for
// review). QUIRE_UPDATE_GOLDEN=1 rewrites it; review the diff before committing.
TEST(RecordsTest, GoldenTriageJson) {
  std::string actual = triage_json(triage_fixture());
  std::string golden_path = kFixtures + "/expected_triage.json";
  if (std::getenv("QUIRE_UPDATE_GOLDEN") != nullptr)
    write_text(golden_path, Json::parse(actual).dump(2) + "\n");
  std::string golden = read_text(golden_path);
  ASSERT_FALSE(golden.empty()) << golden_path;
  EXPECT_EQ(actual, Json::parse(golden).dump());
}

}  // namespace
}  // namespace quire::triage
