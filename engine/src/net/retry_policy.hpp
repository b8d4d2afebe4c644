// Which failed attempts are worth repeating, and how long to wait before the next one.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace quire {

struct RetryPolicy {
  int max_retries = 4;          // attempts = max_retries + 1
  int64_t base_ms = 1000;       // the first wait; doubled for each further retry
  int64_t max_wait_ms = 60000;  // no single wait is longer, Retry-After included
};

// 429 (too many requests) and every 5xx: the server may answer differently later.
bool is_retryable_status(int status);

// The wait before retry number `retry` (0 for the first): base * 2^retry with +-25% jitter, so
// clients that failed together do not come back together; capped by max_wait_ms.
int64_t backoff_ms(const RetryPolicy& policy, int retry, std::mt19937_64& rng);

// A Retry-After value in milliseconds: delta-seconds ("120") or an HTTP-date, measured from
// `now_s` (seconds since the epoch). nullopt when the value is neither; a date in the past is 0.
std::optional<int64_t> parse_retry_after_ms(std::string_view value, int64_t now_s);

// The wait actually used: the longer of the backoff and the server's Retry-After (when it sent
// one), never more than max_wait_ms.
int64_t retry_wait_ms(const RetryPolicy& policy, int retry, std::string_view retry_after,
                      int64_t now_s, std::mt19937_64& rng);

}  // namespace quire
