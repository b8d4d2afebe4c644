// What the last run left in a run directory: per stage, the key, the outputs as materialised
// (digest, size, mtime) and the key's components. It explains reruns ("config changed: count
// 3 -> 4") and lets a no-op rerun trust untouched outputs without reading the cache, like
// ninja's build log. Stored as one line per stage; the components are kept as JSON text and
// parsed only when a miss needs explaining, so loading 10,000 stages stays cheap.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cache/cache.hpp"
#include "util/json.hpp"

namespace quire {

struct MaterialisedFile {
  std::string digest;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

// The parts of a key that explanations compare.
struct StageHistory {
  std::string plugin_version;
  std::string plugin_digest;
  std::string seed;
  Json config;
  Json inputs;  // inputs_summary(): upstream stage -> short digest

  std::string to_text() const;
  static std::optional<StageHistory> from_text(const std::string& text);
};

struct StageState {
  std::string key;
  std::vector<OutputRecord> outputs;
  std::map<std::string, MaterialisedFile> files;  // by output name
  std::string history;                            // StageHistory::to_text()
};

class RunState {
 public:
  // Missing or unreadable state is an empty state (every stage explains itself as "new").
  static RunState load(const std::filesystem::path& file);
  std::string save(const std::filesystem::path& file, const std::filesystem::path& tmp_dir) const;

  const StageState* find(const std::string& stage) const;
  void set(const std::string& stage, StageState state) { stages_[stage] = std::move(state); }

 private:
  std::map<std::string, StageState> stages_;
};

// Why a stage whose key missed the cache must run, comparing with the previous state.
std::string explain_miss(const StageState* previous, const StageHistory& now);

// The file's size and modification time, if it exists.
std::optional<MaterialisedFile> stat_file(const std::filesystem::path& file);

}  // namespace quire
