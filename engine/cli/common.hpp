// Shared by the subcommands: loading a workflow with its plugins, locating cache and run
// directories, and printing errors with their exit codes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "graph/stage_graph.hpp"
#include "plugin/registry.hpp"
#include "workflow/check.hpp"
#include "workflow/parser.hpp"

namespace quire::cli {

namespace fs = std::filesystem;

// Everything `run`, `validate` and `graph` need, fully checked.
struct LoadedWorkflow {
  Workflow workflow;
  PluginRegistry registry;
  std::optional<StageGraph> graph;
  std::vector<ResolvedStage> stages;
};

// Parses, applies --set overrides, discovers plugins and checks everything. On failure prints
// the diagnostic and returns the exit code in `exit_code`.
std::unique_ptr<LoadedWorkflow> load_checked(const std::string& file,
                                             const std::vector<std::string>& sets,
                                             const std::vector<std::string>& extra_plugin_dirs,
                                             int* exit_code);

// Prints "quire: <message>" (or the diagnostic as is) and returns the status's exit code.
int report(const Status& status);

// --cache, else $QUIRE_CACHE, else .quire/ beside the workflow (or in the current directory).
std::filesystem::path cache_dir(const std::string& option, const std::string& workflow_file);
// --run-dir, else runs/<workflow name>/ beside the workflow.
std::filesystem::path run_dir(const std::string& option, const Workflow& workflow);

// Splits repeated and comma-separated option values: {"a,b", "c"} -> {"a", "b", "c"}.
std::vector<std::string> split_list(const std::vector<std::string>& values);

}  // namespace quire::cli
