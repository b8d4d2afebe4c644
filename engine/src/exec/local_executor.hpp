// Runs jobs on a fixed pool of threads in this process (`-j N`).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "exec/executor.hpp"

namespace quire {

class LocalExecutor final : public Executor {
 public:
  explicit LocalExecutor(size_t threads);
  ~LocalExecutor() override;

  size_t slots() const override { return workers_.size(); }
  std::string submit(Job job) override;
  std::vector<Completion> poll(std::chrono::milliseconds timeout) override;
  // Local jobs observe the run's cancel flag themselves; a queued job is dropped here.
  void cancel(const std::string& job_id) override;

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable job_ready_, job_done_;
  std::deque<std::pair<std::string, Job>> queue_;
  std::vector<Completion> done_;
  bool stopping_ = false;
  uint64_t next_id_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace quire
