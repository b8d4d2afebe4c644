// quire validate | graph | plugins: look at a workflow and the plugins without running.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/options.hpp"
#include "plugin/descriptor_check.hpp"

namespace quire::cli {

namespace {

struct WorkflowArgs {
  std::string file;
  std::vector<std::string> sets, plugin_dirs;
  std::string format = "text";
};

bool parse_workflow_args(const Args& args, const char* usage, bool with_format, WorkflowArgs* out,
                         po::variables_map* vm, int* exit_code) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("workflow", po::value(&out->file)->required(),
                                                    "workflow TOML file")(
      "set", po::value(&out->sets)->composing(), "override STAGE.KEY=VALUE")(
      "plugin-path", po::value(&out->plugin_dirs)->composing(), "extra plugin directory");
  if (with_format)
    options.add_options()("format", po::value(&out->format), "text (default) or dot");
  po::positional_options_description positional;
  positional.add("workflow", 1);
  if (!parse_options(args, options, positional, vm, usage)) {
    *exit_code = 2;
    return false;
  }
  if (wants_help(*vm, options, usage)) {
    *exit_code = 0;
    return false;
  }
  return true;
}

std::string flags_text(const PluginInfo& info) {
  std::string flags;
  if (info.network()) flags += ", network";
  if (info.is_volatile()) flags += ", volatile";
  if (info.reads_local_files()) flags += ", local files";
  return flags.empty() ? "" : " [" + flags.substr(2) + "]";
}

void print_fields(const PluginInfo& info) {
  for (const auto& f : info.fields) {
    std::string detail = std::string(config_type_name(f.type)) +
                         (f.required        ? ", required"
                          : f.default_value ? ", default " + canonical(*f.default_value)
                                            : "");
    std::printf("      %-18s %s. %s\n", f.key.c_str(), detail.c_str(), f.help.c_str());
  }
}

}  // namespace

int cmd_validate(const Args& args) {
  WorkflowArgs a;
  po::variables_map vm;
  int exit_code = 0;
  if (!parse_workflow_args(args, "quire validate WORKFLOW.toml", false, &a, &vm, &exit_code))
    return exit_code;
  auto loaded = load_checked(a.file, a.sets, a.plugin_dirs, &exit_code);
  if (!loaded) return exit_code;
  std::printf("%s: ok: workflow '%s', %zu stages\n", a.file.c_str(), loaded->workflow.name.c_str(),
              loaded->workflow.stages.size());
  return 0;
}

int cmd_graph(const Args& args) {
  WorkflowArgs a;
  po::variables_map vm;
  int exit_code = 0;
  if (!parse_workflow_args(args, "quire graph WORKFLOW.toml [--format text|dot]", true, &a, &vm,
                           &exit_code))
    return exit_code;
  if (a.format != "text" && a.format != "dot")
    return report(Status::bad_workflow("--format must be text or dot, not '" + a.format + "'"));
  auto loaded = load_checked(a.file, a.sets, a.plugin_dirs, &exit_code);
  if (!loaded) return exit_code;
  auto text = a.format == "dot" ? graph_dot(loaded->workflow, *loaded->graph)
                                : graph_text(loaded->workflow, *loaded->graph);
  std::fputs(text.c_str(), stdout);
  return 0;
}

int cmd_plugins(const Args& args) {
  const char* usage = "quire plugins [WORKFLOW.toml] [--plugin-path DIR]";
  po::options_description options("options");
  std::string file;
  std::vector<std::string> plugin_dirs;
  options.add_options()("help,h", "show this help")("workflow", po::value(&file),
                                                    "also search the workflow's plugin_path")(
      "plugin-path", po::value(&plugin_dirs)->composing(), "extra plugin directory");
  po::positional_options_description positional;
  positional.add("workflow", 1);
  po::variables_map vm;
  if (!parse_options(args, options, positional, &vm, usage)) return 2;
  if (wants_help(vm, options, usage)) return 0;

  std::vector<fs::path> dirs;
  if (!file.empty()) {
    auto workflow = load_workflow(file);
    if (!workflow.ok()) return report(workflow.status());
    dirs = workflow->plugin_path;
  }
  for (const auto& d : plugin_dirs) dirs.push_back(fs::absolute(d));
  auto registry = PluginRegistry::discover(PluginRegistry::search_path(dirs));
  std::printf("engine: ABI %d.%d, %s, %s\nsearch path:\n", QUIRE_ABI_MAJOR, QUIRE_ABI_MINOR,
              engine_stdlib_id(), engine_compiler_id());
  for (const auto& d : registry.searched()) std::printf("  %s\n", d.string().c_str());
  std::printf("loaded (%zu):\n", registry.plugins().size());
  for (const auto& p : registry.plugins()) {
    const auto& info = p->info();
    std::printf("  %s %s%s  %s\n    %s\n", info.name.c_str(), info.version.c_str(),
                flags_text(info).c_str(), info.summary.c_str(), info.path.string().c_str());
    print_fields(info);
  }
  std::printf("rejected (%zu):\n", registry.rejected().size());
  for (const auto& r : registry.rejected())
    std::printf("  %s\n    %s\n", r.path.string().c_str(), r.reason.c_str());
  return 0;
}

}  // namespace quire::cli
