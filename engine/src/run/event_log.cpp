// The JSON-lines event log: one object per event, for tools, reports and `tail -f`.
#include <fstream>

#include "run/observer.hpp"
#include "util/json.hpp"
#include "util/json_text.hpp"

namespace quire {

namespace {

class EventLog final : public RunObserver {
 public:
  explicit EventLog(const std::string& path) : out_(path, std::ios::trunc) {}

  void run_started(const std::string& workflow, size_t stages, bool dry_run) override {
    write({{"event", "run-started"},
           {"workflow", workflow},
           {"stages", stages},
           {"dry_run", dry_run}});
  }
  void stage_started(const StageReport& s) override {
    write({{"event", "stage-started"}, {"stage", s.id}, {"key", s.key}, {"reason", s.reason}},
          true);
  }
  // Written by hand: one per stage, thousands per run.
  void stage_finished(const StageReport& s, size_t, size_t) override {
    if (!out_) return;
    std::string line = "{\"error\":";
    append_quoted(line, s.error);
    line += ",\"event\":\"stage-finished\",\"key\":";
    append_quoted(line, s.key);
    line += ",\"reason\":";
    append_quoted(line, s.reason);
    line += ",\"stage\":";
    append_quoted(line, s.id);
    line += ",\"status\":";
    append_quoted(line, status_name(s.status));
    line += ",\"wall_ms\":" + number_text(s.wall_ms) + "}\n";
    out_ << line;
    if (s.status != StageStatus::kCached) out_.flush();
  }
  void stage_log(const std::string& stage, LogLevel level, std::string_view message) override {
    write({{"event", "log"}, {"stage", stage}, {"level", level_name(level)}, {"message", message}});
  }
  void run_finished(const RunSummary& summary) override {
    write({{"event", "run-finished"},
           {"summary", summary.line()},
           {"exit_code", static_cast<int>(summary.exit)}},
          true);
  }

 private:
  // Buffered; flushed when a stage starts or fails and at the end, so a tail -f sees progress
  // without one write per cached stage.
  void write(const Json& event, bool flush = false) {
    if (!out_) return;
    out_ << event.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    if (flush) out_.flush();
  }
  std::ofstream out_;
};

}  // namespace

std::unique_ptr<RunObserver> make_event_log(const std::string& path) {
  return std::make_unique<EventLog>(path);
}

}  // namespace quire
