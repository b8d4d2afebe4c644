// Reading papers.json, triage.json and queue.json (written by hand here) into the seed queue.
#include "inputs.hpp"

#include <gtest/gtest.h>

namespace quire::seed {
namespace {

const char* kPapers = R"([
  {"id": "2401.00001v2", "base_id": "2401.00001", "title": "Toy Rotary Probes",
   "abstract": "We probe rotary heads. They rotate.", "abstract_tex": "We probe rotary heads. They rotate.",
   "version": 2, "authors": []},
  {"id": "2401.00002v1", "base_id": "2401.00002", "title": "Sinks at Small Scale",
   "abstract": "Sinks form early.", "abstract_tex": "Sinks form early."},
  {"id": "cs/9901001v1", "title": "An Old Note", "abstract": null, "abstract_tex": null}
])";

// The shape the triage stage writes (fields beyond those seed reads are ignored).
const char* kTriage = R"([
  {"paper_id": "2401.00001v2", "base_id": "2401.00001", "score": 3.5, "fit": "in-scope",
   "selected": true, "rank": 2, "matched": [{"term": "rotary", "where": "title"}]},
  {"paper_id": "2401.00002v1", "base_id": "2401.00002", "score": 1.0, "fit": "weak-scope",
   "selected": true, "rank": 1},
  {"paper_id": "cs/9901001v1", "base_id": "cs/9901001", "score": 0.0, "fit": "out-of-scope",
   "selected": false, "rank": null}
])";

TEST(InputsTest, StripVersion) {
  EXPECT_EQ(strip_version("2401.00001v2"), "2401.00001");
  EXPECT_EQ(strip_version("2401.00001"), "2401.00001");
  EXPECT_EQ(strip_version("cs/9901001v13"), "cs/9901001");
  EXPECT_EQ(strip_version("solv-int/9901001"), "solv-int/9901001");
}

TEST(InputsTest, AnchorIds) {
  EXPECT_EQ(parse_anchor("2401.00001"), "2401.00001");
  EXPECT_EQ(parse_anchor("2401.00001v3"), "2401.00001v3");
  EXPECT_EQ(parse_anchor(" arXiv:cs/9901001v1 "), "cs/9901001v1");
  EXPECT_EQ(parse_anchor("math.GT/0309136"), "math.GT/0309136");
  for (const char* bad : {"", "abc", "../etc/passwd", "2401.00001v0", "2401.1", "CS/9901001"})
    EXPECT_EQ(parse_anchor(bad), std::nullopt) << bad;
}

TEST(InputsTest, ParsesPapers) {
  auto papers = parse_papers(kPapers);
  ASSERT_EQ(papers.size(), 3u);
  EXPECT_EQ(papers[0].id, "2401.00001v2");
  EXPECT_EQ(papers[0].base_id, "2401.00001");
  EXPECT_EQ(papers[0].title, "Toy Rotary Probes");
  EXPECT_EQ(papers[0].abstract, "We probe rotary heads. They rotate.");
  EXPECT_EQ(papers[2].base_id, "cs/9901001");  // derived from the id
  EXPECT_EQ(papers[2].abstract, "");           // null abstract
}

TEST(InputsTest, BadPapersNameTheRecord) {
  auto message = [](const char* json) {
    try {
      parse_papers(json);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("{"), "papers.json: not valid JSON");
  EXPECT_EQ(message("{}"), "papers.json: expected an array");
  EXPECT_EQ(message(R"([{"id": "2401.00001v1"}, {"title": "x"}])"),
            "papers.json[1]: 'id' must be a non-empty string");
  EXPECT_EQ(message(R"([{"id": "2401.00001v1", "abstract": 3}])"),
            "papers.json[0]: 'abstract' must be a string or null");
}

TEST(InputsTest, ParsesTriageAndQueue) {
  auto triage = parse_triage(kTriage);
  ASSERT_EQ(triage.size(), 3u);
  EXPECT_EQ(triage[0].fit, "in-scope");
  EXPECT_TRUE(triage[0].selected);
  EXPECT_EQ(triage[0].rank, 2);
  EXPECT_EQ(triage[2].rank, std::nullopt);
  EXPECT_EQ(parse_queue(R"(["2401.00002v1", "2401.00001v2"])"),
            (std::vector<std::string>{"2401.00002v1", "2401.00001v2"}));
  EXPECT_THROW(parse_queue(R"([1])"), InputError);
  EXPECT_THROW(parse_triage(R"([{"paper_id": "x", "fit": "maybe", "selected": true}])"),
               InputError);
  EXPECT_THROW(parse_triage(R"([{"paper_id": "x", "fit": "in-scope"}])"), InputError);
  EXPECT_THROW(parse_triage(R"([{"paper_id": "x", "fit": "in-scope", "selected": true,
                                 "rank": "first"}])"),
               InputError);
}

TEST(InputsTest, WithoutTriageEveryPaperIsSeededWithUnknownFit) {
  Queue queue = queue_without_triage(parse_papers(kPapers));
  ASSERT_EQ(queue.items.size(), 3u);
  for (const auto& item : queue.items) {
    EXPECT_EQ(item.taxonomy_fit, "unknown");
    EXPECT_EQ(item.triage_rank, std::nullopt);
  }
  EXPECT_EQ(queue.items[2].paper.id, "cs/9901001v1");
}

TEST(InputsTest, QueueOrderWithFitsAndRanksFromTriage) {
  Queue queue = queue_from_triage(parse_papers(kPapers), parse_triage(kTriage),
                                  parse_queue(R"(["2401.00002v1", "2401.00001v2"])"));
  ASSERT_EQ(queue.items.size(), 2u);
  EXPECT_EQ(queue.items[0].paper.id, "2401.00002v1");
  EXPECT_EQ(queue.items[0].taxonomy_fit, "weak-scope");
  EXPECT_EQ(queue.items[0].triage_rank, 1);
  EXPECT_EQ(queue.items[1].paper.id, "2401.00001v2");
  EXPECT_EQ(queue.items[1].taxonomy_fit, "in-scope");
  EXPECT_EQ(queue.items[1].triage_rank, 2);
  EXPECT_TRUE(queue.warnings.empty());
}

TEST(InputsTest, WithoutQueueJsonTheSelectedEntriesGoByRank) {
  Queue queue = queue_from_triage(parse_papers(kPapers), parse_triage(kTriage), std::nullopt);
  ASSERT_EQ(queue.items.size(), 2u);
  EXPECT_EQ(queue.items[0].paper.base_id, "2401.00002");
  EXPECT_EQ(queue.items[1].paper.base_id, "2401.00001");
}

TEST(InputsTest, QueueInconsistenciesAreErrorsOrWarnings) {
  auto papers = parse_papers(kPapers);
  auto triage = parse_triage(kTriage);
  auto message = [&](const char* queue) {
    try {
      queue_from_triage(papers, triage, parse_queue(queue));
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(R"(["2401.09999v1"])"),
            "queue.json lists 2401.09999v1, which triage.json does not rate");
  EXPECT_EQ(message(R"(["2401.00002v1", "2401.00002"])"),
            "queue.json lists 2401.00002 more than once");
  auto no_paper = parse_triage(R"([{"paper_id": "2401.07777v1", "fit": "in-scope",
                                    "selected": true, "rank": 1}])");
  EXPECT_THROW(queue_from_triage(papers, no_paper, std::nullopt), InputError);

  // Another version of a queued paper, and a queued paper triage did not select: warnings.
  Queue queue =
      queue_from_triage(papers, triage, parse_queue(R"(["2401.00001v1", "cs/9901001v1"])"));
  ASSERT_EQ(queue.items.size(), 2u);
  EXPECT_EQ(queue.items[0].paper.id, "2401.00001v2");
  EXPECT_EQ(queue.items[1].triage_rank, 2);  // null rank: its queue position
  EXPECT_EQ(queue.warnings,
            (std::vector<std::string>{
                "queue.json lists 2401.00001v1; papers.json has 2401.00001v2, which is seeded",
                "queue.json lists cs/9901001v1, which triage.json did not select"}));
}

}  // namespace
}  // namespace quire::seed
