// The plugin-dependent half of validation: each stage's plugin exists and its config matches
// the plugin's declared fields (unknown keys, types, required keys), with defaults filled in.
#pragma once

#include <vector>

#include "plugin/registry.hpp"
#include "util/status.hpp"
#include "workflow/workflow.hpp"

namespace quire {

struct ResolvedStage {
  const StageSpec* spec = nullptr;
  const LoadedPlugin* plugin = nullptr;
  Json config;              // with defaults: exactly what the stage sees and what its key covers
  std::string config_text;  // canonical(config), computed once
};

StatusOr<std::vector<ResolvedStage>> check_workflow(const Workflow& workflow,
                                                    const PluginRegistry& registry);

// "a string", "an integer", … for messages.
const char* config_type_name(quire_config_type type);
// True when `value` has the declared type.
bool config_value_matches(const Json& value, quire_config_type type);

}  // namespace quire
