// Reads a workflow TOML file into a Workflow, or a diagnostic naming file:line:col.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "util/status.hpp"
#include "workflow/workflow.hpp"

namespace quire {

// Parses and checks the file's own structure: syntax, unknown keys, types, stage ids, params
// interpolation, unknown dependencies. Plugin-dependent checks (unknown plugin, config schema)
// and cycles are done by check_workflow() and the graph.
StatusOr<Workflow> load_workflow(const std::filesystem::path& file,
                                 const std::vector<Override>& overrides = {});

// Parses "target.key=value" as given to --set.
StatusOr<Override> parse_override(std::string_view text);

}  // namespace quire
