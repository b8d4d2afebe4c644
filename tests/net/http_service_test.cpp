// The HTTP client's normal paths against a real loopback server: fetch, record, replay under
// --no-fresh, immutable resources, decoding, and what the server is told about us.
#include "net/http_service.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "net/http_test_fixture.hpp"
#include "net/response_record.hpp"
#include "util/digest.hpp"
#include "util/files.hpp"

namespace quire {
namespace {

using HttpServiceTest = HttpTest;

TEST_F(HttpServiceTest, FreshGetIsRecordedAndReplayedByteForByte) {
  auto r = request("/ok");
  HttpResponse fresh;
  ASSERT_TRUE(get(r, &fresh)) << fresh.error;
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.body, testing::FaultServer::kOkBody);
  EXPECT_EQ(fresh.body_digest, digest_of(fresh.body));
  EXPECT_EQ(fresh.url, r.url);
  EXPECT_EQ(fresh.content_type, "text/plain");
  EXPECT_EQ(fresh.attempts, 1);
  EXPECT_FALSE(fresh.replayed);
  EXPECT_TRUE(fresh.error.empty());

  HttpResponse replayed;
  ASSERT_TRUE(get(r, &replayed, /*network=*/false)) << replayed.error;
  EXPECT_TRUE(replayed.replayed);
  EXPECT_EQ(replayed.attempts, 0);
  EXPECT_EQ(replayed.body, fresh.body);
  EXPECT_EQ(replayed.body_digest, fresh.body_digest);
  EXPECT_EQ(replayed.status, fresh.status);
  EXPECT_EQ(replayed.url, fresh.url);
  EXPECT_EQ(replayed.content_type, fresh.content_type);
  EXPECT_EQ(server_.hits("/ok").size(), 1u);  // the replay asked nobody
}

TEST_F(HttpServiceTest, RecordHoldsWhatReplayNeeds) {
  auto r = request("/ok");
  HttpResponse response;
  ASSERT_TRUE(get(r, &response)) << response.error;
  auto record = ResponseStore(*cache_).find(request_key(r));
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->url, r.url);
  EXPECT_EQ(record->final_url, r.url);
  EXPECT_EQ(record->status, 200);
  EXPECT_EQ(record->content_type, "text/plain");
  EXPECT_EQ(record->body_digest, response.body_digest);
  EXPECT_EQ(record->size, response.body.size());
  EXPECT_EQ(record->recorded_at, kRunClock);
  EXPECT_TRUE(cache_->has_object(response.body_digest));
}

TEST_F(HttpServiceTest, NoNetworkWithoutRecordIsNotRecorded) {
  auto r = request("/ok");
  HttpResponse response;
  EXPECT_FALSE(get(r, &response, /*network=*/false));
  EXPECT_TRUE(response.not_recorded);
  EXPECT_EQ(response.error, "no recorded response for GET " + r.url);
  EXPECT_TRUE(server_.hits().empty());  // no request left the machine
}

TEST_F(HttpServiceTest, NoNetworkWithLostBodyIsNotRecorded) {
  auto r = request("/ok");
  HttpResponse fresh;
  ASSERT_TRUE(get(r, &fresh)) << fresh.error;
  std::filesystem::remove(cache_->object_path(fresh.body_digest));
  HttpResponse replayed;
  EXPECT_FALSE(get(r, &replayed, /*network=*/false));
  EXPECT_TRUE(replayed.not_recorded);
  EXPECT_NE(replayed.error.find(r.url), std::string::npos) << replayed.error;
  EXPECT_NE(replayed.error.find("missing in the cache"), std::string::npos) << replayed.error;
}

TEST_F(HttpServiceTest, RequestHeadersAreSentAndPartOfTheRecordKey) {
  auto plain = request("/ok");
  auto with_header = plain;
  with_header.headers = {{"Accept", "text/plain"}};
  HttpResponse response;
  ASSERT_TRUE(get(with_header, &response)) << response.error;
  HttpResponse other;
  EXPECT_FALSE(get(plain, &other, /*network=*/false));  // another request, not recorded
  EXPECT_TRUE(other.not_recorded);
}

TEST_F(HttpServiceTest, UserAgentNamesQuireAndItsVersion) {
  HttpService http(*cache_, HttpSettings{});  // the default User-Agent
  HttpResponse response;
  ASSERT_TRUE(http.get(request("/ok"), true, &response)) << response.error;
  auto hits = server_.hits("/ok");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].user_agent.rfind("quire/", 0), 0u) << hits[0].user_agent;
}

TEST_F(HttpServiceTest, GzipBodyArrivesDecoded) {
  HttpResponse response;
  ASSERT_TRUE(get(request("/gzip"), &response)) << response.error;
  EXPECT_EQ(response.body, testing::FaultServer::kGzipPlain);
  EXPECT_EQ(response.body_digest, digest_of(testing::FaultServer::kGzipPlain));
  EXPECT_TRUE(cache_->has_object(response.body_digest));  // the decoded bytes are recorded
}

TEST_F(HttpServiceTest, FinalClientErrorIsAResponseAndIsRecorded) {
  auto r = request("/bad-query");
  HttpResponse response;
  ASSERT_TRUE(get(r, &response)) << response.error;
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.attempts, 1);  // a 400 is an answer, not a fault to retry
  EXPECT_NE(response.body.find("incorrect id format"), std::string::npos);
  HttpResponse replayed;
  ASSERT_TRUE(get(r, &replayed, /*network=*/false)) << replayed.error;
  EXPECT_EQ(replayed.status, 400);
  EXPECT_EQ(replayed.body, response.body);
}

TEST_F(HttpServiceTest, RealPdfIsStoredAndImmutableOneIsNotFetchedAgain) {
  auto r = request("/real.pdf");
  r.expect_pdf = true;
  r.immutable = true;
  HttpResponse first;
  ASSERT_TRUE(get(r, &first)) << first.error;
  EXPECT_EQ(first.body, testing::FaultServer::sample_pdf());
  EXPECT_EQ(first.content_type, "application/pdf");
  HttpResponse second;
  ASSERT_TRUE(get(r, &second)) << second.error;  // network allowed, but not needed
  EXPECT_TRUE(second.replayed);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(server_.hits("/real.pdf").size(), 1u);
}

TEST_F(HttpServiceTest, MutableResourceIsFetchedAgainOnAFreshRun) {
  auto r = request("/ok");
  HttpResponse response;
  ASSERT_TRUE(get(r, &response)) << response.error;
  ASSERT_TRUE(get(r, &response)) << response.error;
  EXPECT_FALSE(response.replayed);
  EXPECT_EQ(server_.hits("/ok").size(), 2u);
}

TEST_F(HttpServiceTest, RecordedHtmlDoesNotReplayAsAPdf) {
  auto r = request("/paper.pdf");
  HttpResponse page;
  ASSERT_TRUE(get(r, &page)) << page.error;  // without expect_pdf, a web page is a response
  r.expect_pdf = true;
  HttpResponse replayed;
  EXPECT_FALSE(get(r, &replayed, /*network=*/false));
  EXPECT_FALSE(replayed.not_recorded);
  EXPECT_NE(replayed.error.find("not a PDF"), std::string::npos) << replayed.error;
}

TEST_F(HttpServiceTest, OnlyHttpUrlsAreFetched) {
  HttpRequest r;
  r.url = "file:///etc/passwd";
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_EQ(response.error, "GET file:///etc/passwd: not an http:// or https:// URL");
}

TEST_F(HttpServiceTest, HeaderWithLineBreakIsRefused) {
  auto r = request("/ok");
  r.headers = {{"X-Test", "a\r\nInjected: yes"}};
  HttpResponse response;
  EXPECT_FALSE(get(r, &response));
  EXPECT_NE(response.error.find("line break"), std::string::npos) << response.error;
  EXPECT_TRUE(server_.hits().empty());
}

TEST_F(HttpServiceTest, ParallelGetsFromManyThreadsAllArrive) {
  std::vector<std::thread> threads;
  std::vector<HttpResponse> responses(8);
  std::vector<int> ok(8, 0);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back(
        [&, i] { ok[i] = get(request("/delay/" + std::to_string(20 + i)), &responses[i]); });
  for (auto& t : threads) t.join();
  for (int i = 0; i < 8; ++i) {
    EXPECT_TRUE(ok[i]) << responses[i].error;
    EXPECT_EQ(responses[i].body, "waited\n");
    EXPECT_EQ(responses[i].attempts, 1);
  }
  EXPECT_EQ(cache_stats(*cache_).http_records, 8u);
}

}  // namespace
}  // namespace quire
