// Shared setup for tests of the HTTP client against the loopback fault server: a fresh cache,
// a server, and settings small enough that every fault resolves in well under a second.
#pragma once

#include <gtest/gtest.h>

#include <optional>

#include "cache/cache.hpp"
#include "cache/maintenance.hpp"
#include "net/http_service.hpp"
#include "support/fault_server.hpp"
#include "support/temp_dir.hpp"

namespace quire {

class HttpTest : public ::testing::Test {
 protected:
  static constexpr int64_t kRunClock = 1700000000;

  void SetUp() override {
    auto cache = Cache::open(dir_ / "cache");
    ASSERT_TRUE(cache.ok()) << cache.status().message();
    cache_.emplace(std::move(*cache));
    http_.emplace(*cache_, fast_settings());
  }

  static HttpSettings fast_settings() {
    HttpSettings s;
    s.timeout_ms = 500;
    s.connect_timeout_ms = 500;
    s.max_retries = 2;
    s.retry_base_ms = 50;
    s.retry_max_ms = 2000;
    s.max_bytes = 1 << 20;
    s.run_clock = kRunClock;
    return s;
  }

  HttpRequest request(const std::string& path) const {
    HttpRequest r;
    r.url = server_.url(path);
    return r;
  }

  // get() on the fixture's client; `network` false is --no-fresh.
  bool get(const HttpRequest& r, HttpResponse* response, bool network = true) {
    return http_->get(r, network, response);
  }

  // Nothing of a failed request may reach the cache: no body object, no record, no temp file.
  void expect_nothing_stored() const {
    auto stats = cache_stats(*cache_);
    EXPECT_EQ(stats.objects, 0u);
    EXPECT_EQ(stats.http_records, 0u);
    EXPECT_EQ(stats.temp_files, 0u);
  }

  testing::TempDir dir_;
  std::optional<Cache> cache_;
  testing::FaultServer server_;
  std::optional<HttpService> http_;
};

}  // namespace quire
