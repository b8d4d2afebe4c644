#include "cli/common.hpp"

#include <cstdio>
#include <cstdlib>

namespace quire::cli {

namespace fs = std::filesystem;

int report(const Status& status) {
  const auto& message = status.message();
  bool diagnostic = message.find(": error: ") != std::string::npos;
  std::fprintf(stderr, "%s%s\n", diagnostic ? "" : "quire: ", message.c_str());
  return static_cast<int>(status.code());
}

std::unique_ptr<LoadedWorkflow> load_checked(const std::string& file,
                                             const std::vector<std::string>& sets,
                                             const std::vector<std::string>& extra_plugin_dirs,
                                             int* exit_code) {
  std::vector<Override> overrides;
  for (const auto& text : sets) {
    auto o = parse_override(text);
    if (!o.ok()) {
      *exit_code = report(o.status());
      return nullptr;
    }
    overrides.push_back(*o);
  }
  auto workflow = load_workflow(file, overrides);
  if (!workflow.ok()) {
    *exit_code = report(workflow.status());
    return nullptr;
  }
  auto loaded = std::make_unique<LoadedWorkflow>();
  loaded->workflow = std::move(*workflow);
  auto dirs = loaded->workflow.plugin_path;
  for (const auto& d : extra_plugin_dirs) dirs.push_back(fs::absolute(d));
  loaded->registry = PluginRegistry::discover(PluginRegistry::search_path(dirs));
  auto graph = StageGraph::build(loaded->workflow);
  if (!graph.ok()) {
    *exit_code = report(graph.status());
    return nullptr;
  }
  loaded->graph = std::move(*graph);
  auto stages = check_workflow(loaded->workflow, loaded->registry);
  if (!stages.ok()) {
    *exit_code = report(stages.status());
    return nullptr;
  }
  loaded->stages = std::move(*stages);
  *exit_code = 0;
  return loaded;
}

fs::path cache_dir(const std::string& option, const std::string& workflow_file) {
  if (!option.empty()) return fs::absolute(option);
  if (const char* env = std::getenv("QUIRE_CACHE"); env && *env) return fs::absolute(env);
  if (workflow_file.empty()) return fs::absolute(".quire");
  return fs::absolute(workflow_file).parent_path() / ".quire";
}

fs::path run_dir(const std::string& option, const Workflow& workflow) {
  if (!option.empty()) return fs::absolute(option);
  return fs::absolute(workflow.source.path()).parent_path() / "runs" / workflow.name;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      if (comma > start) out.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace quire::cli
