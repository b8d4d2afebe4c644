// The engine's HTTP client as stages see it: libcurl transfers with per-host politeness,
// retries and limits, every response recorded in the cache, and replay for --no-fresh.
#pragma once

#include <quire/context.hpp>

#include <memory>

#include "cache/cache.hpp"

namespace quire {

struct HttpSettings {
  std::string user_agent;         // "quire/<version> (+docs/http.md)"
  uint64_t max_bytes = 256ull << 20;
  int64_t timeout_ms = 120000;
  int64_t connect_timeout_ms = 15000;
  int max_redirects = 5;
  int max_retries = 4;
  int64_t retry_base_ms = 1000;
  int64_t retry_max_ms = 60000;   // cap on one wait, Retry-After included
  int64_t run_clock = 0;          // stamped on records
};

class HttpService {
 public:
  HttpService(const Cache& cache, HttpSettings settings);
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  // See Context::http_get. `may_use_network` is false under --no-fresh. `cancelled` stops
  // waits between retries early. Never throws.
  bool get(const HttpRequest& request, bool may_use_network, HttpResponse* response) noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire
