// Where stage jobs run. The planner submits ready stages and polls for completions; it never
// blocks on one job, so a job can as well run in a thread here (LocalExecutor) or as a batch
// job elsewhere (a Slurm executor submits `spec`, polls sacct, cancels with scancel).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "cache/cache.hpp"
#include "util/json.hpp"

namespace quire {

enum class StageStatus {
  kRan,
  kCached,
  kFailed,
  kCacheMiss,
  kCancelled,
  kSkipped,
  kWouldRun,
  kMayRun
};
const char* status_name(StageStatus status);

// What running one stage produced.
struct StageOutcome {
  StageStatus status = StageStatus::kFailed;
  std::string message;  // the error, or a note such as "computed by a concurrent run"
  std::vector<OutputRecord> outputs;
  double wall_ms = 0.0;
};

struct Job {
  size_t stage = 0;  // index in the workflow
  std::string stage_id;
  std::string key;
  Json spec;                               // serialisable description for remote executors
  std::function<StageOutcome()> run_here;  // what a local executor calls
};

struct Completion {
  size_t stage = 0;
  StageOutcome outcome;
};

class Executor {
 public:
  virtual ~Executor() = default;
  // How many jobs may be in flight at once.
  virtual size_t slots() const = 0;
  // Starts a job; returns its id (a thread slot here, an external job id elsewhere).
  virtual std::string submit(Job job) = 0;
  // Completions since the last call, waiting up to `timeout` for at least one.
  virtual std::vector<Completion> poll(std::chrono::milliseconds timeout) = 0;
  // Asks a job to stop; its completion still arrives through poll().
  virtual void cancel(const std::string& job_id) = 0;
};

}  // namespace quire
