// Triage's JSON: the papers.json records it reads (docs/ledger.md, `papers.json`) and the
// triage.json / queue.json it writes (docs/ledger.md, `## triage`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scoring.hpp"

namespace quire::triage {

// Reads the fields triage needs from one papers.json. `source` names the output in messages
// ("papers.json from stage 'fetch'"). A record that is not an object, lacks a string `id`, or
// has a field of the wrong type throws StageError naming the record; null fields read as
// empty, and a missing `base_id` is the id without its version.
std::vector<Paper> parse_papers(std::string_view json, const std::string& source);

// One paper per base id out of several papers.json: the highest version, the earlier list on
// a tie. The ids left out are appended to `dropped`.
std::vector<Paper> merge_papers(const std::vector<std::vector<Paper>>& lists,
                                std::vector<std::string>* dropped);

// triage.json: the ranked assessments as a JSON array.
std::string triage_json(const std::vector<Assessment>& ranked);
// queue.json: the selected paper ids in rank order.
std::string queue_json(const std::vector<Assessment>& ranked);

}  // namespace quire::triage
