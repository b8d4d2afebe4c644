#include "run/report.hpp"

namespace quire {

void RunSummary::count(StageStatus status) {
  ++stages;
  switch (status) {
    case StageStatus::kCached:
      ++cached;
      break;
    case StageStatus::kRan:
      ++ran;
      break;
    case StageStatus::kFailed:
      ++failed;
      break;
    case StageStatus::kCacheMiss:
      ++not_cached;
      break;
    case StageStatus::kSkipped:
      ++skipped;
      break;
    case StageStatus::kWouldRun:
      ++would_run;
      break;
    case StageStatus::kMayRun:
      ++may_run;
      break;
    case StageStatus::kCancelled:
      ++cancelled;
      break;
  }
}

std::string RunSummary::line() const {
  std::string out =
      std::to_string(stages) + (stages == 1 ? " stage, " : " stages, ") + std::to_string(cached) + " cached";
  auto add = [&](size_t n, const char* what) {
    if (n) out += ", " + std::to_string(n) + " " + what;
  };
  add(ran, "ran");
  add(would_run, "would run");
  add(may_run, "may run");
  add(failed, "failed");
  add(not_cached, "not cached");
  add(cancelled, "cancelled");
  add(skipped, "skipped");
  return out;
}

}  // namespace quire
