#include "net/retry_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <string>

namespace quire {

bool is_retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

int64_t backoff_ms(const RetryPolicy& policy, int retry, std::mt19937_64& rng) {
  if (policy.base_ms <= 0) return 0;
  // Doubling stops at 2^20: past that the cap has long been reached and the shift would overflow.
  double wait =
      static_cast<double>(policy.base_ms) * static_cast<double>(1ull << std::min(retry, 20));
  std::uniform_real_distribution<double> jitter(0.75, 1.25);
  wait *= jitter(rng);
  return std::min(static_cast<int64_t>(wait), policy.max_wait_ms);
}

std::optional<int64_t> parse_retry_after_ms(std::string_view value, int64_t now_s) {
  auto first = value.find_first_not_of(" \t");
  auto last = value.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  std::string text(value.substr(first, last - first + 1));
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text.size() > 9) return int64_t{999999999} * 1000;  // absurd, but the cap handles it
    return std::stoll(text) * 1000;
  }
  // curl_getdate reads the three date formats HTTP allows (RFC 9110 section 5.6.7).
  time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::max<int64_t>(0, (static_cast<int64_t>(when) - now_s) * 1000);
}

int64_t retry_wait_ms(const RetryPolicy& policy, int retry, std::string_view retry_after,
                      int64_t now_s, std::mt19937_64& rng) {
  int64_t wait = backoff_ms(policy, retry, rng);
  if (auto asked = parse_retry_after_ms(retry_after, now_s)) wait = std::max(wait, *asked);
  return std::min(wait, policy.max_wait_ms);
}

}  // namespace quire
