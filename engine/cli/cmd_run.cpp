// quire run WORKFLOW [options]
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "cache/cache.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/options.hpp"
#include "run/runner.hpp"

namespace quire::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
  g_interrupted = true;
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C kills at once
}

// SOURCE_DATE_EPOCH when set (reproducible builds convention), else now.
bool run_clock(int64_t* clock, std::string* source) {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (env == nullptr || *env == '\0') {
    *clock = static_cast<int64_t>(std::time(nullptr));
    *source = "start time";
    return true;
  }
  char* end = nullptr;
  long long value = std::strtoll(env, &end, 10);
  if (*end != '\0' || value < 0) return false;
  *clock = value;
  *source = "SOURCE_DATE_EPOCH";
  return true;
}

// Takes `lock` on `path`, telling the user when it has to wait for another run.
bool take_lock(FileLock* lock, const fs::path& path, FileLock::Mode mode, const std::string& what) {
  if (lock->try_lock(path, mode)) return true;
  std::fprintf(stderr, "quire: waiting for %s\n", what.c_str());
  auto error = lock->lock(path, mode);
  if (error.empty()) return true;
  std::fprintf(stderr, "quire: %s\n", error.c_str());
  return false;
}

}  // namespace

int cmd_run(const Args& args) {
  const char* usage = "quire run WORKFLOW.toml [options]";
  po::options_description options("run options");
  std::string workflow_file, cache_option, run_dir_option, until;
  std::vector<std::string> sets, force, only, plugin_dirs;
  size_t jobs = std::max(1u, std::thread::hardware_concurrency());
  options.add_options()("help,h", "show this help")(
      "workflow", po::value(&workflow_file)->required(), "workflow TOML file")(
      "jobs,j", po::value(&jobs), "stages run in parallel (default: number of cores)")(
      "no-fresh", "no network at all: replay from the cache; a miss exits 3")(
      "dry-run,n", "print what would run and why; change nothing")(
      "keep-going,k", "after a failure, still run stages that do not depend on it")(
      "force", po::value(&force)->composing(), "rerun STAGE even if cached (repeatable)")(
      "only", po::value(&only)->composing(),
      "run only these stages (comma list); inputs must be cached")(
      "until", po::value(&until), "run STAGE and what it needs, nothing after it")(
      "set", po::value(&sets)->composing(), "override STAGE.KEY=VALUE or params.KEY=VALUE")(
      "run-dir", po::value(&run_dir_option),
      "where outputs go (default: runs/<name>/ beside the workflow)")(
      "cache", po::value(&cache_option),
      "cache directory (default: $QUIRE_CACHE or .quire/ beside the workflow)")(
      "plugin-path", po::value(&plugin_dirs)->composing(), "extra plugin directory (repeatable)")(
      "verbose,v", "more output: cache hits, debug logs")("quiet,q", "only errors and the summary");
  po::positional_options_description positional;
  positional.add("workflow", 1);
  po::variables_map vm;
  if (!parse_options(args, options, positional, &vm, usage)) return 2;
  if (wants_help(vm, options, usage)) return 0;

  int exit_code = 0;
  auto loaded = load_checked(workflow_file, sets, plugin_dirs, &exit_code);
  if (!loaded) return exit_code;

  RunOptions run;
  if (!run_clock(&run.run_clock, &run.clock_source))
    return report(Status::bad_workflow("SOURCE_DATE_EPOCH must be a non-negative integer"));
  run.run_dir = run_dir(run_dir_option, loaded->workflow);
  run.jobs = std::max<size_t>(1, jobs);
  run.fresh = !vm.count("no-fresh");
  run.dry_run = vm.count("dry-run") > 0;
  run.keep_going = vm.count("keep-going") > 0;
  run.force = split_list(force);
  run.only = split_list(only);
  run.until = until;
  for (const auto& a : args) run.command += (run.command.empty() ? "quire run " : " ") + a;

  auto cache = Cache::open(cache_dir(cache_option, workflow_file));
  if (!cache.ok()) return report(cache.status());
  FileLock cache_lock, run_lock;
  if (!take_lock(&cache_lock, cache->root() / "lock", FileLock::Mode::kShared,
                 "`quire cache gc` to finish"))
    return 1;
  if (!run.dry_run) {
    std::error_code ec;
    fs::create_directories(run.run_dir / ".quire", ec);
    if (ec)
      return report(Status::failed("cannot create run directory " + run.run_dir.string() + ": " +
                                   ec.message()));
    if (!take_lock(&run_lock, run.run_dir / ".quire" / "lock", FileLock::Mode::kExclusive,
                   "another quire run using " + run.run_dir.string()))
      return 1;
    cache->sweep_temp();
  }

  int verbosity = vm.count("quiet") ? 0 : vm.count("verbose") ? 2 : 1;
  ObserverList observers;
  observers.add(make_console_observer(verbosity, ::isatty(STDERR_FILENO) != 0));
  if (!run.dry_run)
    observers.add(make_event_log((run.run_dir / ".quire" / "events.jsonl").string()));

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  Runner runner(loaded->workflow, *loaded->graph, loaded->stages, *cache, run, observers,
                g_interrupted);
  auto result = runner.run();
  if (!result.ok()) return report(result.status());
  if (!run.dry_run && verbosity >= 1)
    std::fprintf(stderr, "quire: outputs in %s\n", run.run_dir.string().c_str());
  return static_cast<int>(result->summary.exit);
}

}  // namespace quire::cli
