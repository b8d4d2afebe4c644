#include "workflow/check.hpp"

#include "util/suggest.hpp"

namespace quire {

namespace {

const char* json_type_name(const Json& value) {
  if (value.is_string()) return "a string";
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a float";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "a table";
  return "null";
}

Status check_stage(const Workflow& workflow, const StageSpec& stage, const LoadedPlugin& plugin,
                   Json* resolved) {
  const auto& info = plugin.info();
  std::vector<std::string> known;
  for (const auto& f : info.fields) known.push_back(f.key);
  auto at = [&](const std::string& key) {
    auto it = stage.config_key_at.find(key);
    return it == stage.config_key_at.end() ? stage.at : it->second;
  };
  for (const auto& [key, value] : stage.config.items()) {
    const auto* field = info.field(key);
    if (field == nullptr) {
      std::string hint = known.empty() ? " (it takes no config)" : suggestion_suffix(key, known);
      return Status::bad_workflow(workflow.source.diagnose(
          at(key), "unknown config key '" + key + "' for plugin '" + info.name + "' in stage '" +
                       stage.id + "'" + hint));
    }
    if (!config_value_matches(value, field->type))
      return Status::bad_workflow(workflow.source.diagnose(
          at(key), "stages." + stage.id + ".config." + key + " must be " +
                       config_type_name(field->type) + ", not " + json_type_name(value)));
  }
  *resolved = stage.config;
  for (const auto& field : info.fields) {
    if (resolved->contains(field.key)) continue;
    if (field.required)
      return Status::bad_workflow(workflow.source.diagnose(
          stage.at, "stage '" + stage.id + "' must set config key '" + field.key + "' (" +
                        config_type_name(field.type) + ": " + field.help + ")"));
    if (field.default_value) (*resolved)[field.key] = *field.default_value;
  }
  return {};
}

}  // namespace

StatusOr<std::vector<ResolvedStage>> check_workflow(const Workflow& workflow,
                                                    const PluginRegistry& registry) {
  std::vector<ResolvedStage> resolved;
  for (const auto& stage : workflow.stages) {
    const auto* plugin = registry.find(stage.plugin);
    if (plugin == nullptr)
      return Status::bad_workflow(workflow.source.diagnose(
          stage.plugin_at, "stage '" + stage.id + "' uses unknown plugin '" + stage.plugin + "'" +
                               suggestion_suffix(stage.plugin, registry.names()) +
                               "; `quire plugins` lists what was found and rejected"));
    ResolvedStage r{&stage, plugin, Json::object(), {}};
    auto status = check_stage(workflow, stage, *plugin, &r.config);
    if (!status.ok()) return status;
    r.config_text = canonical(r.config);
    resolved.push_back(std::move(r));
  }
  return resolved;
}

}  // namespace quire
