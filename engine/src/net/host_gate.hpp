// Per-host politeness: servers like arXiv's API ask for one request at a time and a pause
// between requests. Requests to different hosts never wait for each other.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace quire {

class HostGate {
 public:
  using Clock = std::chrono::steady_clock;

  // `interval_ms`: the default minimum interval per host name (lower case); hosts not listed
  // get `fallback_ms`.
  HostGate(std::map<std::string, int64_t> interval_ms, int64_t fallback_ms);
  HostGate(const HostGate&) = delete;
  HostGate& operator=(const HostGate&) = delete;

  // The interval that applies to one request: `requested_ms` when >= 0, else the host default.
  int64_t interval_for(const std::string& host, int64_t requested_ms) const;

  // Held while a request to a gated host is in flight; destroying it marks the request's end,
  // from which the next request's interval is counted.
  class Pass {
   public:
    Pass() = default;
    ~Pass();
    Pass(Pass&& other) noexcept;
    Pass& operator=(Pass&& other) = delete;
    // False when the wait was abandoned because the run is being cancelled.
    bool admitted() const { return admitted_; }

   private:
    friend class HostGate;
    HostGate* gate_ = nullptr;  // null for ungated requests
    std::string host_;
    bool admitted_ = false;
  };

  // Waits until a request to `host` may start: with `interval_ms` > 0, no other gated request
  // to that host is in flight and at least `interval_ms` have passed since the last one ended.
  // With 0 it returns at once. Gives up (a pass that is not admitted) once `*cancelled`.
  Pass enter(const std::string& host, int64_t interval_ms, const std::atomic<bool>* cancelled);

 private:
  struct HostState {
    bool busy = false;
    Clock::time_point last_end{};  // epoch: never used yet
  };
  void leave(const std::string& host);

  const std::map<std::string, int64_t> interval_ms_;
  const int64_t fallback_ms_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, HostState> hosts_;
};

}  // namespace quire
