// What the last run left in a run directory: per stage, the key and its components, and the
// output files as materialised. It explains reruns ("config changed: count 3 -> 4") and lets a
// no-op rerun skip rewriting outputs whose files are untouched, like ninja's build log.
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

struct StageState {
  std::string key;
  std::string plugin;
  std::string plugin_version;
  std::string plugin_digest;
  Json config;
  std::string seed;
  Json inputs;  // inputs_json()
  std::vector<OutputRecord> outputs;
  std::map<std::string, MaterialisedFile> files;  // by output name
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

// Why a stage whose key missed the cache must run, from the previous state.
std::string explain_miss(const StageState* previous, const std::string& plugin_version,
                         const std::string& plugin_digest, const Json& config, const std::string& seed,
                         const Json& inputs);

// The file's size and modification time, if it exists.
std::optional<MaterialisedFile> stat_file(const std::filesystem::path& file);

}  // namespace quire
