// Terminal output: a status line rewritten in place on a TTY, plain lines otherwise.
#include <cstdio>
#include <map>

#include "run/observer.hpp"
#include "util/json.hpp"

namespace quire {

namespace {

std::string milliseconds(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
  return text;
}

class ConsoleObserver final : public RunObserver {
 public:
  ConsoleObserver(int verbosity, bool tty) : verbosity_(verbosity), tty_(tty) {}

  void run_started(const std::string& workflow, size_t stages, bool dry_run) override {
    dry_run_ = dry_run;
    if (verbosity_ >= 1 && !dry_run)
      line("quire: running " + workflow + " (" + std::to_string(stages) + (stages == 1 ? " stage)" : " stages)"));
  }

  void stage_started(const StageReport& stage) override {
    running_[stage.id] = "";
    if (verbosity_ >= 2) line("[" + stage.id + "] start: " + stage.reason);
    status_line();
  }

  void stage_finished(const StageReport& s, size_t finished, size_t total) override {
    running_.erase(s.id);
    finished_ = finished;
    total_ = total;
    if (s.status == StageStatus::kCached) ++cached_;
    bool quiet_hit = s.status == StageStatus::kCached && verbosity_ < 2;
    bool show = s.status == StageStatus::kFailed || s.status == StageStatus::kCacheMiss ||
                (verbosity_ >= 1 && !quiet_hit && s.status != StageStatus::kSkipped) ||
                (verbosity_ >= 2);
    if (show) line(describe(s, finished, total));
    status_line();
  }

  void stage_progress(const std::string& stage, uint64_t done, uint64_t total) override {
    running_[stage] = std::to_string(done) + "/" + std::to_string(total);
    status_line();
  }

  void stage_log(const std::string& stage, LogLevel level, std::string_view message) override {
    int needed = level == LogLevel::kDebug ? 2 : level == LogLevel::kInfo ? 1 : 0;
    if (verbosity_ < needed) return;
    line("[" + stage + "] " +
         (level >= LogLevel::kWarning ? std::string(level_name(level)) + ": " : "") +
         std::string(message));
  }

  void run_finished(const RunSummary& summary) override {
    clear_status();
    std::fprintf(stdout, "%s%s\n", dry_run_ ? "dry run: " : "", summary.line().c_str());
    std::fflush(stdout);
  }

 private:
  std::string describe(const StageReport& s, size_t finished, size_t total) const {
    std::string head =
        dry_run_ ? "" : "[" + std::to_string(finished) + "/" + std::to_string(total) + "] ";
    std::string text = head + s.id + ": " + status_name(s.status);
    if (s.status == StageStatus::kRan) text += " in " + milliseconds(s.wall_ms);
    if (!s.reason.empty()) text += " (" + s.reason + ")";
    if (!s.error.empty()) text += "\n    " + s.error;
    return text;
  }

  void line(const std::string& text) {
    clear_status();
    std::fprintf(stderr, "%s\n", text.c_str());
    std::fflush(stderr);
  }

  void clear_status() {
    if (tty_ && status_shown_) std::fputs("\r\033[K", stderr);
    status_shown_ = false;
  }

  // On a terminal: one line rewritten in place with counts and what is running.
  void status_line() {
    if (!tty_ || verbosity_ < 1 || dry_run_) return;
    std::string text = "[" + std::to_string(finished_) + "/" + std::to_string(total_) + ", " +
                       std::to_string(cached_) + " cached]";
    for (const auto& [id, progress] : running_)
      text += " " + id + (progress.empty() ? "" : " " + progress);
    if (text.size() > 120) text = text.substr(0, 117) + "...";
    std::fprintf(stderr, "\r\033[K%s", text.c_str());
    std::fflush(stderr);
    status_shown_ = true;
  }

  int verbosity_;
  bool tty_;
  bool dry_run_ = false;
  bool status_shown_ = false;
  size_t finished_ = 0, total_ = 0, cached_ = 0;
  std::map<std::string, std::string> running_;
};

}  // namespace

std::unique_ptr<RunObserver> make_console_observer(int verbosity, bool tty) {
  return std::make_unique<ConsoleObserver>(verbosity, tty);
}

}  // namespace quire
