#include "plan/run_state.hpp"

#include <sys/stat.h>

#include "util/files.hpp"

namespace quire {

namespace {

constexpr int kStateVersion = 1;

Json state_to_json(const StageState& s) {
  Json files = Json::object();
  for (const auto& [name, f] : s.files)
    files[name] = {{"digest", f.digest}, {"size", f.size}, {"mtime_ns", f.mtime_ns}};
  return {{"key", s.key},         {"plugin", s.plugin},   {"plugin_version", s.plugin_version},
          {"plugin_digest", s.plugin_digest}, {"config", s.config}, {"seed", s.seed}, {"inputs", s.inputs},
          {"outputs", outputs_to_json(s.outputs)}, {"files", files}};
}

std::optional<StageState> state_from_json(const Json& j) {
  try {
    StageState s;
    s.key = j.at("key").get<std::string>();
    s.plugin = j.at("plugin").get<std::string>();
    s.plugin_version = j.at("plugin_version").get<std::string>();
    s.plugin_digest = j.at("plugin_digest").get<std::string>();
    s.config = j.at("config");
    s.seed = j.at("seed").get<std::string>();
    s.inputs = j.at("inputs");
    auto outputs = outputs_from_json(j.at("outputs"));
    if (!outputs) return std::nullopt;
    s.outputs = std::move(*outputs);
    for (const auto& [name, f] : j.at("files").items())
      s.files[name] = {f.at("digest").get<std::string>(), f.at("size").get<uint64_t>(),
                       f.at("mtime_ns").get<int64_t>()};
    return s;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

// "count 3 -> 4, prefix added" for the top-level keys that differ.
std::string config_diff(const Json& before, const Json& after) {
  std::string out;
  auto add = [&](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key)) add(key + " added");
    else if (before[key] != value) add(key + " " + canonical(before[key]) + " -> " + canonical(value));
  }
  for (const auto& [key, _] : before.items())
    if (!after.contains(key)) add(key + " removed");
  if (out.size() > 200) out = out.substr(0, 197) + "...";
  return out;
}

std::string inputs_diff(const Json& before, const Json& after) {
  std::string out;
  for (const auto& [stage, outputs] : after.items()) {
    if (!before.contains(stage) || before[stage] != outputs)
      out += std::string(out.empty() ? "" : ", ") + stage;
  }
  return out.empty() ? "needs changed" : "from " + out;
}

}  // namespace

RunState RunState::load(const std::filesystem::path& file) {
  RunState state;
  auto text = read_file(file);
  Json json;
  std::string error;
  if (!text || !parse_json(*text, &json, &error) || !json.is_object() ||
      json.value("version", 0) != kStateVersion || !json.contains("stages"))
    return state;
  for (const auto& [id, stage] : json["stages"].items())
    if (auto s = state_from_json(stage)) state.stages_[id] = std::move(*s);
  return state;
}

std::string RunState::save(const std::filesystem::path& file, const std::filesystem::path& tmp_dir) const {
  Json stages = Json::object();
  for (const auto& [id, s] : stages_) stages[id] = state_to_json(s);
  return write_file_atomic(file, canonical({{"version", kStateVersion}, {"stages", stages}}), tmp_dir);
}

const StageState* RunState::find(const std::string& stage) const {
  auto it = stages_.find(stage);
  return it == stages_.end() ? nullptr : &it->second;
}

std::string explain_miss(const StageState* previous, const std::string& plugin_version,
                         const std::string& plugin_digest, const Json& config, const std::string& seed,
                         const Json& inputs) {
  if (previous == nullptr) return "new";
  if (previous->plugin_version != plugin_version)
    return "plugin changed (version " + previous->plugin_version + " -> " + plugin_version + ")";
  if (previous->plugin_digest != plugin_digest) return "plugin changed (binary rebuilt)";
  if (previous->config != config) return "config changed: " + config_diff(previous->config, config);
  if (previous->seed != seed) return "seed changed (params.seed)";
  if (previous->inputs != inputs) return "input changed (" + inputs_diff(previous->inputs, inputs) + ")";
  return "no cached result (cache cleared, collected or corrupt)";
}

std::optional<MaterialisedFile> stat_file(const std::filesystem::path& file) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  MaterialisedFile f;
  f.size = static_cast<uint64_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return f;
}

}  // namespace quire
