// Progress and logs go through one observer interface, shared by the terminal printer, the
// JSON-lines event log and the tests. The runner serialises calls: implementations need no lock.
#pragma once

#include <memory>
#include <quire/context.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "run/report.hpp"

namespace quire {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void run_started(const std::string& /*workflow*/, size_t /*stages*/, bool /*dry_run*/) {}
  virtual void stage_started(const StageReport& /*stage*/) {}
  virtual void stage_finished(const StageReport& /*stage*/, size_t /*finished*/, size_t /*total*/) {
  }
  virtual void stage_progress(const std::string& /*stage*/, uint64_t /*done*/, uint64_t /*total*/) {
  }
  virtual void stage_log(const std::string& /*stage*/, LogLevel /*level*/,
                         std::string_view /*message*/) {}
  virtual void run_finished(const RunSummary& /*summary*/) {}
};

// Forwards every call to each observer in turn.
class ObserverList final : public RunObserver {
 public:
  void add(std::unique_ptr<RunObserver> observer) { observers_.push_back(std::move(observer)); }
  void run_started(const std::string& w, size_t n, bool dry) override {
    for (auto& o : observers_) o->run_started(w, n, dry);
  }
  void stage_started(const StageReport& s) override {
    for (auto& o : observers_) o->stage_started(s);
  }
  void stage_finished(const StageReport& s, size_t f, size_t t) override {
    for (auto& o : observers_) o->stage_finished(s, f, t);
  }
  void stage_progress(const std::string& s, uint64_t d, uint64_t t) override {
    for (auto& o : observers_) o->stage_progress(s, d, t);
  }
  void stage_log(const std::string& s, LogLevel l, std::string_view m) override {
    for (auto& o : observers_) o->stage_log(s, l, m);
  }
  void run_finished(const RunSummary& s) override {
    for (auto& o : observers_) o->run_finished(s);
  }

 private:
  std::vector<std::unique_ptr<RunObserver>> observers_;
};

inline const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

// Terminal output: a rewritten status line on a TTY, plain lines otherwise.
// verbosity: 0 quiet (errors and the summary), 1 normal, 2 verbose (debug logs, cache hits).
std::unique_ptr<RunObserver> make_console_observer(int verbosity, bool tty);
// One JSON object per line per event, for tools and reports.
std::unique_ptr<RunObserver> make_event_log(const std::string& path);

}  // namespace quire
