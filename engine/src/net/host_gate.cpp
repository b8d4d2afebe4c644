#include "net/host_gate.hpp"

#include <algorithm>

namespace quire {

namespace {

// Waits are sliced so a cancelled run is noticed within this long.
constexpr auto kCancelPoll = std::chrono::milliseconds(100);

}  // namespace

HostGate::HostGate(std::map<std::string, int64_t> interval_ms, int64_t fallback_ms)
    : interval_ms_(std::move(interval_ms)), fallback_ms_(fallback_ms) {}

int64_t HostGate::interval_for(const std::string& host, int64_t requested_ms) const {
  if (requested_ms >= 0) return requested_ms;
  auto it = interval_ms_.find(host);
  return it != interval_ms_.end() ? it->second : fallback_ms_;
}

HostGate::Pass::~Pass() {
  if (gate_ != nullptr) gate_->leave(host_);
}

HostGate::Pass::Pass(Pass&& other) noexcept
    : gate_(other.gate_), host_(std::move(other.host_)), admitted_(other.admitted_) {
  other.gate_ = nullptr;
}

HostGate::Pass HostGate::enter(const std::string& host, int64_t interval_ms,
                               const std::atomic<bool>* cancelled) {
  Pass pass;
  if (interval_ms <= 0) {
    pass.admitted_ = true;
    return pass;
  }
  auto interval = std::chrono::milliseconds(interval_ms);
  std::unique_lock<std::mutex> lock(mutex_);
  HostState& state = hosts_[host];
  for (;;) {
    if (cancelled != nullptr && cancelled->load()) return pass;
    auto now = Clock::now();
    auto allowed = state.last_end == Clock::time_point{} ? now : state.last_end + interval;
    if (!state.busy && now >= allowed) break;
    changed_.wait_until(lock,
                        state.busy ? now + kCancelPoll : std::min(allowed, now + kCancelPoll));
  }
  state.busy = true;
  pass.gate_ = this;
  pass.host_ = host;
  pass.admitted_ = true;
  return pass;
}

void HostGate::leave(const std::string& host) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    HostState& state = hosts_[host];
    state.busy = false;
    state.last_end = Clock::now();
  }
  changed_.notify_all();
}

}  // namespace quire
