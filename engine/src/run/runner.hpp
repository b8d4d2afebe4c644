// Runs a checked workflow: decides per stage whether its key is cached and why it must run,
// hands ready stages to an executor, materialises outputs and writes the run record.
#pragma once

#include <atomic>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cache/cache.hpp"
#include "exec/executor.hpp"
#include "graph/stage_graph.hpp"
#include "net/http_service.hpp"
#include "plan/run_state.hpp"
#include "plan/stage_key.hpp"
#include "run/observer.hpp"
#include "run/report.hpp"
#include "workflow/check.hpp"

namespace quire {

struct RunOptions {
  std::filesystem::path run_dir;
  size_t jobs = 1;
  bool fresh = true;  // false: --no-fresh, no network at all
  bool dry_run = false;
  bool keep_going = false;
  std::vector<std::string> force;  // stage ids to rerun regardless of the cache
  std::vector<std::string> only;   // run just these; their inputs must be cached
  std::string until;               // run this stage and what it needs, nothing after
  int64_t run_clock = 0;
  std::string clock_source;  // "SOURCE_DATE_EPOCH" or "start time"
  std::string command;       // the command line, for the record
};

struct RunResult {
  RunSummary summary;
  std::vector<StageReport> stages;  // declaration order
};

class Runner {
 public:
  Runner(const Workflow& workflow, const StageGraph& graph,
         const std::vector<ResolvedStage>& stages, const Cache& cache, RunOptions options,
         RunObserver& observer, const std::atomic<bool>& interrupted);

  // Validates the selection options, then runs. Bad --only/--until/--force names are a
  // bad-workflow status; everything else ends in a RunResult.
  StatusOr<RunResult> run();

 private:
  enum class Mode { kRun, kCacheOnly, kExcluded };
  enum class Phase { kWaiting, kQueued, kRunning, kDone };
  struct Slot {
    Mode mode = Mode::kRun;
    Phase phase = Phase::kWaiting;
    size_t deps_left = 0;
    bool outputs_unknown = false;  // dry run: an upstream would run, so outputs are unknown
    std::string job_id;
    StageReport report;
    std::map<std::string, MaterialisedFile> files;
    bool unchanged = false;  // cached with the same key and files as last run: state stays
  };

  Status select();
  void decide(size_t i);
  bool try_cache_hit(size_t i, const StageKey& key, std::string* reason);
  void dry_run_unknown(size_t i);
  StageOutcome execute(size_t i, const StageKey& key, const std::vector<DepOutputs>& inputs,
                       bool reuse_allowed);
  void finish(size_t i, StageOutcome outcome);
  void skip_downstream(size_t i, const std::string& why);
  void stop_launching(const std::string& why);
  void submit_queued(Executor& executor);
  std::vector<DepOutputs> inputs_of(size_t i) const;
  uint64_t seed_for(const std::string& stage_id) const;
  StageHistory history_of(size_t i, const std::vector<DepOutputs>& inputs) const;
  void write_record(const RunSummary& summary) const;

  const Workflow& workflow_;
  const StageGraph& graph_;
  const std::vector<ResolvedStage>& stages_;
  const Cache& cache_;
  RunOptions options_;
  RunObserver& observer_;
  std::mutex observer_mutex_;
  const std::atomic<bool>& interrupted_;
  std::atomic<bool> cancelled_{false};

  std::vector<Slot> slots_;
  std::set<size_t> ready_;
  std::deque<Job> queued_;  // decided to run, waiting for an executor slot
  size_t in_flight_ = 0;
  size_t finished_ = 0;
  size_t selected_ = 0;
  bool stopped_ = false;
  bool failed_ = false;
  bool state_changed_ = false;
  std::unique_ptr<HttpService> http_;
  RunState previous_;
  RunState next_;
};

}  // namespace quire
