// The plugin-dependent half of validation: each stage's plugin exists and its config matches
// the plugin's declared fields (unknown keys, types, required keys), with defaults filled in.
#pragma once

#include <vector>

#include "plugin/config_types.hpp"
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

}  // namespace quire
