#include "ranking.hpp"

#include <algorithm>

namespace quire::triage {

void rank_and_select(std::vector<Assessment>* assessments, const Taxonomy& taxonomy) {
  std::sort(assessments->begin(), assessments->end(), [](const Assessment& a, const Assessment& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.fit != b.fit) return a.fit < b.fit;
    return a.paper_id < b.paper_id;
  });
  int64_t queued = 0;
  for (size_t i = 0; i < assessments->size(); ++i) {
    Assessment& a = (*assessments)[i];
    a.rank = static_cast<int64_t>(i) + 1;
    a.selected =
        queued < taxonomy.top_n && a.score >= taxonomy.min_score && a.fit != Fit::kOutOfScope;
    queued += a.selected;
  }
}

std::vector<std::string> queue_ids(const std::vector<Assessment>& ranked) {
  std::vector<std::string> ids;
  for (const auto& a : ranked)
    if (a.selected) ids.push_back(a.paper_id);
  return ids;
}

std::string summary(const std::vector<Assessment>& ranked) {
  size_t counts[3] = {0, 0, 0};
  for (const auto& a : ranked) ++counts[static_cast<int>(a.fit)];
  size_t n = ranked.size();
  return std::to_string(n) + (n == 1 ? " paper: " : " papers: ") + std::to_string(counts[0]) +
         " in-scope, " + std::to_string(counts[1]) + " weak-scope, " + std::to_string(counts[2]) +
         " out-of-scope; queue " + std::to_string(queue_ids(ranked).size());
}

}  // namespace quire::triage
