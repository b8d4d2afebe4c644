// Errors users cause travel as values; each carries the exit code the CLI maps it to.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace quire {

// Documented exit codes (docs/cli.md).
enum class ExitCode : int {
  kOk = 0,
  kStageFailed = 1,
  kBadWorkflow = 2,  // also bad usage
  kCacheMiss = 3,    // --no-fresh needed something not cached
  kInterrupted = 130,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status error(ExitCode code, std::string message) {
    Status s;
    s.code_ = code;
    s.message_ = std::move(message);
    return s;
  }
  static Status bad_workflow(std::string message) {
    return error(ExitCode::kBadWorkflow, std::move(message));
  }
  static Status failed(std::string message) {
    return error(ExitCode::kStageFailed, std::move(message));
  }

  bool ok() const { return code_ == ExitCode::kOk; }
  ExitCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  ExitCode code_ = ExitCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <class T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit on purpose
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace quire
