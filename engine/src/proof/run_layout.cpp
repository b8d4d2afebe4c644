#include "proof/run_layout.hpp"

#include "util/files.hpp"
#include "util/json.hpp"

namespace quire {

namespace {

std::string string_at(const Json& object, const char* section, const char* key) {
  auto s = object.find(section);
  if (s == object.end() || !s->is_object()) return {};
  auto v = s->find(key);
  return v != s->end() && v->is_string() ? v->get<std::string>() : std::string();
}

// One stage of the record; false when it is not shaped like one.
bool read_stage(const Json& json, RunStage* stage) {
  if (!json.is_object() || !json.contains("id") || !json["id"].is_string()) return false;
  stage->id = json["id"].get<std::string>();
  auto outputs = json.find("outputs");
  if (outputs == json.end()) return true;
  if (!outputs->is_array()) return false;
  for (const auto& o : *outputs) {
    if (!o.is_object() || !o.contains("name") || !o["name"].is_string()) return false;
    RunOutput out{o["name"].get<std::string>(), {}};
    if (o.contains("digest") && o["digest"].is_string()) out.digest = o["digest"];
    stage->outputs.push_back(std::move(out));
  }
  return true;
}

}  // namespace

std::optional<std::string> RunLayout::last_stage_with(std::string_view name) const {
  for (auto s = stages.rbegin(); s != stages.rend(); ++s)
    for (const auto& o : s->outputs)
      if (o.name == name) return s->id;
  return std::nullopt;
}

std::optional<fs::path> RunLayout::output_copy(std::string_view name,
                                               std::string_view digest) const {
  // Stage ids and output names were checked when the run wrote them, but the record is a file
  // anyone can edit: never follow one out of the run directory.
  if (!is_safe_name(name)) return std::nullopt;
  for (const auto& s : stages)
    for (const auto& o : s.outputs)
      if (o.name == name && o.digest == digest && is_safe_name(s.id)) return dir / s.id / o.name;
  auto stage = last_stage_with(name);
  if (!stage || !is_safe_name(*stage)) return std::nullopt;
  return dir / *stage / std::string(name);
}

fs::path RunLayout::recorded_cache() const {
  if (!cache.empty()) return fs::absolute(cache);
  // A relative workflow path was relative to where `quire run` ran; the best guess is here.
  if (workflow_file.empty()) return dir.parent_path() / ".quire";
  return fs::absolute(workflow_file).parent_path() / ".quire";
}

StatusOr<RunLayout> read_run_layout(const fs::path& run_dir) {
  std::error_code ec;
  if (!fs::is_directory(run_dir, ec))
    return Status::bad_workflow("run directory " + run_dir.string() + " does not exist");
  fs::path file = run_dir / "production_run.json";
  auto text = read_file(file);
  if (!text)
    return Status::bad_workflow("no " + file.string() +
                                " (is this the run directory of a `quire run`?)");
  Json json;
  std::string error;
  if (!parse_json(*text, &json, &error) || !json.is_object())
    return Status::bad_workflow(file.string() + ": not a JSON object" +
                                (error.empty() ? "" : ": " + error));
  auto stages = json.find("stages");
  if (stages == json.end() || !stages->is_array())
    return Status::bad_workflow(file.string() + ": no \"stages\" list");
  RunLayout layout;
  layout.dir = fs::absolute(run_dir).lexically_normal();
  for (const auto& s : *stages) {
    RunStage stage;
    if (!read_stage(s, &stage))
      return Status::bad_workflow(file.string() + ": a stage without a string \"id\" or with " +
                                  "malformed \"outputs\"");
    layout.stages.push_back(std::move(stage));
  }
  layout.cache = string_at(json, "run", "cache");
  layout.workflow_file = string_at(json, "workflow", "file");
  return layout;
}

}  // namespace quire
