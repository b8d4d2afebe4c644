// The order of triage.json and the reading queue: deterministic whatever order papers came in.
#pragma once

#include <string>
#include <vector>

#include "scoring.hpp"

namespace quire::triage {

// Sorts by score (descending), then fit (in-scope, weak-scope, out-of-scope), then paper id
// (ascending, bytewise), and numbers the ranks from 1. The queue is the first `top_n` papers in
// that order whose score is at least `min_score` and whose fit is not out-of-scope; they are
// marked `selected`.
void rank_and_select(std::vector<Assessment>* assessments, const Taxonomy& taxonomy);

// The selected paper ids in rank order.
std::vector<std::string> queue_ids(const std::vector<Assessment>& ranked);

// "5 papers: 2 in-scope, 1 weak-scope, 2 out-of-scope; queue 3".
std::string summary(const std::vector<Assessment>& ranked);

}  // namespace quire::triage
