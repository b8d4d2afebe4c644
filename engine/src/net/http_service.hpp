// The engine's HTTP client as stages see it: libcurl transfers with per-host politeness,
// retries and limits, every final response recorded in the cache, and replay for --no-fresh.
// The rules, defaults and fault outcomes are in docs/http.md.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <quire/context.hpp>

#include "cache/cache.hpp"

namespace quire {

struct HttpSettings {
  std::string user_agent;  // empty: "quire/<version>"
  uint64_t max_bytes = 256ull << 20;
  int64_t timeout_ms = 120000;
  int64_t connect_timeout_ms = 15000;
  int max_redirects = 5;
  int max_retries = 4;
  int64_t retry_base_ms = 1000;
  int64_t retry_max_ms = 60000;  // cap on one wait, Retry-After included
  // Politeness: the least time between the end of one request to a host and the start of the
  // next, one request at a time. arXiv's API terms ask for 3 s.
  std::map<std::string, int64_t> host_min_interval_ms = {{"export.arxiv.org", 3000}};
  int64_t min_interval_ms = 0;  // hosts not in the map
  int64_t run_clock = 0;        // stamped on records
};

class HttpService {
 public:
  HttpService(const Cache& cache, HttpSettings settings);
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  // See Context::http_get. `may_use_network` is false under --no-fresh. When `*cancelled`
  // becomes true, waits (politeness, backoff) and transfers stop early with the error
  // "cancelled". Thread-safe; never throws.
  bool get(const HttpRequest& request, bool may_use_network, HttpResponse* response,
           const std::atomic<bool>* cancelled = nullptr) noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire
