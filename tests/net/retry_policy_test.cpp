// Which outcomes are retried and how long the client waits before trying again.
#include "net/retry_policy.hpp"

#include <gtest/gtest.h>

namespace quire {
namespace {

TEST(RetryPolicyTest, RetriesTooManyRequestsAndServerErrorsOnly) {
  EXPECT_TRUE(is_retryable_status(429));
  EXPECT_TRUE(is_retryable_status(500));
  EXPECT_TRUE(is_retryable_status(503));
  EXPECT_TRUE(is_retryable_status(599));
  for (int status : {200, 204, 301, 304, 400, 403, 404, 410})
    EXPECT_FALSE(is_retryable_status(status)) << status;
}

TEST(RetryPolicyTest, BackoffDoublesWithQuarterJitterAndIsCapped) {
  RetryPolicy policy{4, 1000, 60000};
  std::mt19937_64 rng(7);
  for (int round = 0; round < 200; ++round)
    for (int retry = 0; retry < 5; ++retry) {
      int64_t nominal = 1000ll << retry;
      int64_t wait = backoff_ms(policy, retry, rng);
      EXPECT_GE(wait, nominal * 3 / 4) << retry;
      EXPECT_LE(wait, nominal * 5 / 4) << retry;
    }
  EXPECT_EQ(backoff_ms(policy, 30, rng), 60000);
  EXPECT_EQ(backoff_ms(RetryPolicy{4, 0, 60000}, 3, rng), 0);
}

TEST(RetryPolicyTest, RetryAfterInSecondsOrAsAnHttpDate) {
  // 1445412480 is Wed, 21 Oct 2015 07:28:00 GMT.
  const int64_t date = 1445412480;
  EXPECT_EQ(parse_retry_after_ms("120", 0), 120000);
  EXPECT_EQ(parse_retry_after_ms(" 0 ", 0), 0);
  EXPECT_EQ(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", date - 5), 5000);
  EXPECT_EQ(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", date + 60), 0);  // past
  EXPECT_FALSE(parse_retry_after_ms("", 0).has_value());
  EXPECT_FALSE(parse_retry_after_ms("soon", 0).has_value());
  EXPECT_FALSE(parse_retry_after_ms("-5", 0).has_value());
}

TEST(RetryPolicyTest, RetryAfterOutweighsBackoffButNotTheCap) {
  RetryPolicy policy{4, 50, 2000};
  std::mt19937_64 rng(1);
  EXPECT_EQ(retry_wait_ms(policy, 0, "1", 0, rng), 1000);
  EXPECT_EQ(retry_wait_ms(policy, 0, "3600", 0, rng), 2000);
  int64_t plain = retry_wait_ms(policy, 0, "", 0, rng);  // no header: the backoff
  EXPECT_GE(plain, 37);
  EXPECT_LE(plain, 63);
}

}  // namespace
}  // namespace quire
