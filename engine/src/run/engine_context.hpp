// The engine's implementation of quire::Context for one stage execution.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <quire/context.hpp>
#include <set>

#include "cache/cache.hpp"
#include "net/http_service.hpp"
#include "plan/stage_key.hpp"
#include "run/observer.hpp"

namespace quire {

struct ContextSetup {
  std::string stage_id;
  Json config;
  std::vector<DepOutputs> inputs;
  std::string memo_namespace;  // plugin name, version and binary digest
  bool may_use_network = false;
  int64_t run_clock = 0;
  uint64_t seed = 0;
  std::filesystem::path run_dir;  // outputs materialised earlier: a fallback when an object is gone
  HttpService* http = nullptr;    // the run's HTTP client
  // QUIRE_CONFIG_PATH values: keys given with --set resolve against the invocation directory,
  // the rest against the workflow's.
  std::filesystem::path workflow_dir;
  std::filesystem::path invocation_dir;
  std::set<std::string, std::less<>> keys_set_on_command_line;
};

class EngineContext final : public Context {
 public:
  // `observer` calls are made under `observer_mutex`.
  EngineContext(ContextSetup setup, const Cache& cache, const std::atomic<bool>& cancelled,
                RunObserver& observer, std::mutex& observer_mutex);

  const std::string& stage_id() const noexcept override { return setup_.stage_id; }
  bool may_use_network() const noexcept override { return setup_.may_use_network; }
  bool cancelled() const noexcept override { return cancelled_.load(); }
  int64_t run_clock() const noexcept override { return setup_.run_clock; }
  uint64_t seed() const noexcept override { return setup_.seed; }
  const std::string& config_json() const noexcept override { return config_text_; }
  bool config_get(std::string_view key, quire_config_type type, ConfigValue* out,
                  std::string* error) const noexcept override;
  bool config_has(std::string_view key) const noexcept override;

  std::vector<InputRef> inputs() const noexcept override;
  bool read_input(std::string_view stage, std::string_view name, std::string* bytes,
                  std::string* error) const noexcept override;
  bool write_output(std::string_view name, OutputKind kind, std::string_view bytes,
                    std::string* error) noexcept override;

  bool memo_get(std::string_view key, std::string* value) const noexcept override;
  bool memo_put(std::string_view key, std::string_view value, std::string* error) noexcept override;

  void log(LogLevel level, std::string_view message) noexcept override;
  void progress(uint64_t done, uint64_t total) noexcept override;
  bool http_get(const HttpRequest& request, HttpResponse* response) noexcept override;

  // The outputs written so far, sorted by name.
  std::vector<OutputRecord> outputs() const;

 private:
  const Json* find_config(std::string_view key) const;
  std::string resolve_path(std::string_view key, const std::string& written) const;

  ContextSetup setup_;
  std::string config_text_;
  const Cache& cache_;
  const std::atomic<bool>& cancelled_;
  RunObserver& observer_;
  std::mutex& observer_mutex_;
  mutable std::mutex outputs_mutex_;
  std::map<std::string, OutputRecord> outputs_;
};

}  // namespace quire
