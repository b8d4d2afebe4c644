// What a run did, stage by stage: the data behind progress lines, dry-run tables and
// production_run.json.
#pragma once

#include <string>
#include <vector>

#include "exec/executor.hpp"
#include "plan/stage_key.hpp"
#include "util/status.hpp"

namespace quire {

struct StageReport {
  size_t index = 0;
  std::string id;
  std::string plugin;
  StageStatus status = StageStatus::kSkipped;
  std::string reason;  // why it ran (or would run); empty for a plain cache hit
  std::string key;
  double wall_ms = 0.0;
  std::vector<DepOutputs> inputs;
  std::vector<OutputRecord> outputs;
  std::string error;
};

struct RunSummary {
  size_t stages = 0, cached = 0, ran = 0, failed = 0, not_cached = 0, skipped = 0, would_run = 0,
         may_run = 0, cancelled = 0;
  ExitCode exit = ExitCode::kOk;

  void count(StageStatus status);
  // "5 stages, 5 cached" / "5 stages, 2 cached, 3 ran, 1 failed"
  std::string line() const;
};

}  // namespace quire
