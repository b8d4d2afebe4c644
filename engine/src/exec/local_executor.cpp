#include "exec/local_executor.hpp"

#include <algorithm>

namespace quire {

const char* status_name(StageStatus status) {
  switch (status) {
    case StageStatus::kRan:
      return "ran";
    case StageStatus::kCached:
      return "cached";
    case StageStatus::kFailed:
      return "failed";
    case StageStatus::kCacheMiss:
      return "not-cached";
    case StageStatus::kCancelled:
      return "cancelled";
    case StageStatus::kSkipped:
      return "skipped";
    case StageStatus::kWouldRun:
      return "would-run";
    case StageStatus::kMayRun:
      return "may-run";
  }
  return "unknown";
}

LocalExecutor::LocalExecutor(size_t threads) {
  for (size_t i = 0; i < std::max<size_t>(1, threads); ++i)
    workers_.emplace_back([this] { work(); });
}

LocalExecutor::~LocalExecutor() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  job_ready_.notify_all();
  for (auto& t : workers_) t.join();
}

std::string LocalExecutor::submit(Job job) {
  std::string id;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    id = "local-" + std::to_string(next_id_++);
    queue_.emplace_back(id, std::move(job));
  }
  job_ready_.notify_one();
  return id;
}

std::vector<Completion> LocalExecutor::poll(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  job_done_.wait_for(lock, timeout, [this] { return !done_.empty(); });
  std::vector<Completion> out;
  out.swap(done_);
  return out;
}

void LocalExecutor::cancel(const std::string& job_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it =
      std::find_if(queue_.begin(), queue_.end(), [&](const auto& q) { return q.first == job_id; });
  if (it == queue_.end()) return;
  Completion c{it->second.stage, {}};
  c.outcome.status = StageStatus::kSkipped;
  c.outcome.message = "not started: the run is stopping";
  queue_.erase(it);
  done_.push_back(std::move(c));
  job_done_.notify_all();
}

void LocalExecutor::work() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      job_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_ && queue_.empty()) return;
      job = std::move(queue_.front().second);
      queue_.pop_front();
    }
    Completion c{job.stage, job.run_here()};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.push_back(std::move(c));
    }
    job_done_.notify_all();
  }
}

}  // namespace quire
