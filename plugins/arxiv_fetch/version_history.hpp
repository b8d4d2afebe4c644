// Noticing new versions across runs: which versions of each paper earlier runs saw is kept in
// the stage's per-item memo, so a fresh listing that carries v5 of a paper an earlier run took
// as v4 is reported. A --no-fresh replay of the same listing sees the same history and
// reports the same notices, so replays stay byte-identical.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "selection.hpp"

namespace quire::arxiv {

struct VersionMemo {
  std::function<std::optional<std::string>(const std::string& key)> get;
  std::function<void(const std::string& key, const std::string& value)> put;
};

// For each paper, compares its version with the versions recorded for its base id: a lower one
// means an earlier run saw an older version, and a notice is added. Then records this version.
// Returns the notices, sorted by base id.
std::vector<Notice> note_new_versions(const std::vector<SelectedPaper>& papers,
                                      const VersionMemo& memo);

// "4,5" <-> {4, 5}
std::vector<int> parse_versions(const std::string& text);
std::string format_versions(const std::vector<int>& versions);

}  // namespace quire::arxiv
