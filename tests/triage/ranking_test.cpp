#include "ranking.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace quire::triage {
namespace {

using Strings = std::vector<std::string>;

Assessment scored(const std::string& id, double score, Fit fit) {
  Assessment a;
  a.paper_id = id;
  a.score = score;
  a.fit = fit;
  return a;
}

Strings ids(const std::vector<Assessment>& ranked) {
  Strings out;
  for (const auto& a : ranked) out.push_back(a.paper_id);
  return out;
}

TEST(RankingTest, EqualScoresAreOrderedByFitThenId) {
  std::vector<Assessment> all = {
      scored("2501.00003v1", 7, Fit::kInScope),    scored("2501.00001v1", 7, Fit::kWeakScope),
      scored("2501.00002v1", 7, Fit::kInScope),    scored("2501.00004v1", 9, Fit::kWeakScope),
      scored("2501.00005v1", 1, Fit::kOutOfScope), scored("2501.00000v1", 1, Fit::kOutOfScope)};
  std::vector<Strings> orders;
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.paper_id < b.paper_id; });
  do {  // every input order gives the same ranking
    std::vector<Assessment> copy = all;
    rank_and_select(&copy, Taxonomy{});
    orders.push_back(ids(copy));
  } while (std::next_permutation(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.paper_id < b.paper_id;
  }));
  ASSERT_EQ(orders.size(), 720u);
  Strings expected = {"2501.00004v1", "2501.00002v1", "2501.00003v1",
                      "2501.00001v1", "2501.00000v1", "2501.00005v1"};
  for (const auto& order : orders) EXPECT_EQ(order, expected);
}

TEST(RankingTest, RanksCountFromOne) {
  std::vector<Assessment> all = {scored("b", 3, Fit::kWeakScope), scored("a", 8, Fit::kInScope)};
  rank_and_select(&all, Taxonomy{});
  EXPECT_EQ(all[0].paper_id, "a");
  EXPECT_EQ(all[0].rank, 1);
  EXPECT_EQ(all[1].rank, 2);
}

TEST(RankingTest, QueueTakesTopNAboveMinScoreAndNeverOutOfScope) {
  Taxonomy t;
  t.top_n = 3;
  t.min_score = 2.5;
  std::vector<Assessment> all = {
      scored("p1", 10, Fit::kInScope),   scored("p2", 9, Fit::kWeakScope),
      scored("p3", 8, Fit::kOutOfScope),  // impossible from the scorer, but never queued
      scored("p4", 7, Fit::kInScope),    scored("p5", 6, Fit::kInScope),
      scored("p6", 2.4, Fit::kWeakScope)};
  rank_and_select(&all, t);
  EXPECT_EQ(queue_ids(all), (Strings{"p1", "p2", "p4"}));
  EXPECT_FALSE(all[2].selected);
  EXPECT_FALSE(all[4].selected);  // p5: beyond top_n

  t.top_n = 40;
  rank_and_select(&all, t);
  EXPECT_EQ(queue_ids(all), (Strings{"p1", "p2", "p4", "p5"}));  // p6 is below min_score
  EXPECT_EQ(summary(all), "6 papers: 3 in-scope, 2 weak-scope, 1 out-of-scope; queue 4");
}

TEST(RankingTest, SummaryOfOneAndNone) {
  std::vector<Assessment> none;
  rank_and_select(&none, Taxonomy{});
  EXPECT_EQ(summary(none), "0 papers: 0 in-scope, 0 weak-scope, 0 out-of-scope; queue 0");
  std::vector<Assessment> one = {scored("p", 6, Fit::kInScope)};
  rank_and_select(&one, Taxonomy{});
  EXPECT_EQ(summary(one), "1 paper: 1 in-scope, 0 weak-scope, 0 out-of-scope; queue 1");
}

}  // namespace
}  // namespace quire::triage
