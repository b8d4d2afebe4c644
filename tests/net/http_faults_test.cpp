// Each fault a real server can throw at the HTTP client ends in the documented outcome
// (docs/http.md) with nothing half-written in the cache.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "net/http_test_fixture.hpp"
#include "util/digest.hpp"

namespace quire {
namespace {

using std::chrono::milliseconds;
using testing::FaultServer;

class HttpFaultsTest : public HttpTest {};

TEST_F(HttpFaultsTest, TooManyRequestsHonoursRetryAfter) {
  auto r = request("/retry-after-once");
  HttpResponse response;
  ASSERT_TRUE(get(r, &response)) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "recovered\n");
  EXPECT_EQ(response.attempts, 2);
  auto hits = server_.hits("/retry-after-once");
  ASSERT_EQ(hits.size(), 2u);
  // Retry-After: 1 outweighs the 50 ms backoff.
  EXPECT_GE(hits[1].arrived - hits[0].arrived, milliseconds(1000));
  EXPECT_EQ(cache_stats(*cache_).http_records, 1u);  // the final 200 only
}

TEST_F(HttpFaultsTest, ServiceUnavailableIsRetriedUntilItRecovers) {
  HttpResponse response;
  ASSERT_TRUE(get(request("/unavailable-twice"), &response)) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.attempts, 3);
  auto hits = server_.hits("/unavailable-twice");
  ASSERT_EQ(hits.size(), 3u);
  // Backoff doubles: ~50 ms, then ~100 ms (each +-25%).
  EXPECT_GE(hits[1].arrived - hits[0].arrived, milliseconds(37));
  EXPECT_GE(hits[2].arrived - hits[1].arrived, milliseconds(75));
}

TEST_F(HttpFaultsTest, ServiceUnavailableForeverReturnsTheStatusUnrecorded) {
  auto r = request("/unavailable");
  HttpResponse response;
  ASSERT_TRUE(get(r, &response)) << response.error;
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.attempts, 3);  // max_retries 2
  EXPECT_EQ(response.body, "try later\n");
  EXPECT_EQ(server_.hits("/unavailable").size(), 3u);
  expect_nothing_stored();
  HttpResponse replayed;
  EXPECT_FALSE(get(r, &replayed, /*network=*/false));
  EXPECT_TRUE(replayed.not_recorded);
}

TEST_F(HttpFaultsTest, ConnectionCutMidBodyIsRetriedThenFailsStoringNothing) {
  auto r = request("/cut");
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_EQ(response.attempts, 3);
  EXPECT_EQ(response.error.rfind("GET " + r.url + ": ", 0), 0u) << response.error;
  EXPECT_NE(response.error.find("(3 attempts)"), std::string::npos) << response.error;
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(server_.hits("/cut").size(), 3u);
  std::string body = FaultServer::cut_body();
  EXPECT_FALSE(cache_->has_object(digest_of(body.substr(0, body.size() / 2))));
  expect_nothing_stored();
}

TEST_F(HttpFaultsTest, SlowResponsePastTheTimeoutFails) {
  auto r = request("/slow");
  r.timeout_ms = 300;
  r.max_retries = 1;
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_NE(response.error.find("timed out"), std::string::npos) << response.error;
  EXPECT_NE(response.error.find(r.url), std::string::npos) << response.error;
  EXPECT_EQ(response.attempts, 2);
  EXPECT_EQ(server_.hits("/slow").size(), 2u);
  expect_nothing_stored();
}

TEST_F(HttpFaultsTest, RedirectLoopStopsAtTheLimitWithoutRetrying) {
  auto r = request("/loop");
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_NE(response.error.find("more than 5 redirects"), std::string::npos) << response.error;
  EXPECT_EQ(response.attempts, 1);
  EXPECT_EQ(server_.hits("/loop").size(), 6u);  // the request and 5 redirects
  expect_nothing_stored();
}

TEST_F(HttpFaultsTest, BodyOverTheSizeLimitIsRefused) {
  for (const char* path : {"/big", "/big-chunked"}) {
    SCOPED_TRACE(path);
    auto r = request(path);
    HttpResponse response;
    EXPECT_FALSE(get(r, &response));
    EXPECT_NE(response.error.find("larger than the limit of 1048576 bytes"), std::string::npos)
        << response.error;
    EXPECT_EQ(response.attempts, 1);  // the same body will be as large next time
    EXPECT_TRUE(response.body.empty());
    EXPECT_EQ(server_.hits(path).size(), 1u);
  }
  expect_nothing_stored();
}

TEST_F(HttpFaultsTest, PdfUrlReturningHtmlIsNotAPdf) {
  auto r = request("/paper.pdf");
  r.expect_pdf = true;
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_EQ(
      response.error,
      "GET " + r.url + ": not a PDF (starts with '<!DOCTYPE html>...', content-type text/html)");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(response.attempts, 1);
  // The complete answer is recorded, so an offline replay fails exactly as the fresh run did
  // (a per-paper error, not a missing record) and never passes the page off as a PDF.
  HttpResponse replayed;
  EXPECT_FALSE(get(r, &replayed, /*network=*/false));
  EXPECT_FALSE(replayed.not_recorded);
  EXPECT_EQ(replayed.error, response.error);
  EXPECT_TRUE(replayed.body.empty());
  // A fresh immutable request does not trust that record: it asks the server again.
  r.immutable = true;
  HttpResponse again;
  EXPECT_FALSE(get(r, &again));
  EXPECT_EQ(server_.hits("/paper.pdf").size(), 2u);
}

TEST_F(HttpFaultsTest, TruncatedPdfIsRefused) {
  auto r = request("/truncated.pdf");
  r.expect_pdf = true;
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_EQ(response.error, "GET " + r.url + ": truncated PDF (no %%EOF in the last 2048 bytes)");
  HttpResponse replayed;
  EXPECT_FALSE(get(r, &replayed, /*network=*/false));
  EXPECT_EQ(replayed.error, response.error);
}

TEST_F(HttpFaultsTest, ConnectionRefusedIsRetriedThenFails) {
  HttpRequest r;
  {
    FaultServer gone;  // a port that was free a moment ago and is closed now
    r.url = gone.url("/ok");
  }
  r.max_retries = 1;
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.attempts, 2);
  EXPECT_NE(response.error.find(r.url), std::string::npos) << response.error;
  expect_nothing_stored();
}

TEST_F(HttpFaultsTest, CancellingStopsTheWaitBeforeARetry) {
  auto r = request("/unavailable");
  r.retry_base_ms = 20000;  // a wait the test would notice
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(200));
    cancelled = true;
  });
  auto start = std::chrono::steady_clock::now();
  HttpResponse response;
  EXPECT_FALSE(http_->get(r, true, &response, &cancelled));
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(response.error, "GET " + r.url + ": cancelled");
  EXPECT_EQ(response.attempts, 1);
  expect_nothing_stored();
}

TEST_F(HttpFaultsTest, CancellingAbortsATransferInFlight) {
  auto r = request("/slow");
  r.timeout_ms = 10000;
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(200));
    cancelled = true;
  });
  HttpResponse response;
  EXPECT_FALSE(http_->get(r, true, &response, &cancelled));
  canceller.join();
  EXPECT_NE(response.error.find("cancelled"), std::string::npos) << response.error;
  EXPECT_EQ(response.attempts, 1);
  expect_nothing_stored();
}

}  // namespace
}  // namespace quire
