// Per-host politeness through the whole client: one request at a time per gated host with a
// pause between them, while other hosts go ahead in parallel.
#include <gtest/gtest.h>

#include <thread>

#include "net/host_gate.hpp"
#include "net/http_test_fixture.hpp"

namespace quire {
namespace {

using std::chrono::milliseconds;

class HttpPolitenessTest : public HttpTest {};

TEST_F(HttpPolitenessTest, SequentialRequestsKeepTheInterval) {
  auto r = request("/ok");
  r.min_interval_ms = 300;
  HttpResponse response;
  ASSERT_TRUE(get(r, &response)) << response.error;
  ASSERT_TRUE(get(r, &response)) << response.error;
  auto hits = server_.hits("/ok");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_GE(hits[1].arrived - hits[0].arrived, milliseconds(300));
}

TEST_F(HttpPolitenessTest, ConcurrentRequestsToOneHostTakeTurns) {
  // Each request takes 100 ms; the second may start only 300 ms after the first ended.
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      auto r = request("/delay/" + std::to_string(100 + i));
      r.min_interval_ms = 300;
      HttpResponse response;
      EXPECT_TRUE(get(r, &response)) << response.error;
    });
  for (auto& t : threads) t.join();
  auto hits = server_.hits();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_GE(hits[1].arrived - hits[0].arrived, milliseconds(400));
}

TEST_F(HttpPolitenessTest, OtherHostsDoNotWait) {
  // 127.0.0.1 and localhost are one server but two hosts to the client.
  std::vector<std::thread> threads;
  auto fetch = [&](const std::string& path, const std::string& host) {
    threads.emplace_back([&, path, host] {
      HttpRequest r;
      r.url = server_.url(path, host);
      r.min_interval_ms = 500;
      HttpResponse response;
      EXPECT_TRUE(get(r, &response)) << response.error;
    });
  };
  fetch("/delay/200", "127.0.0.1");
  fetch("/delay/201", "127.0.0.1");
  fetch("/delay/202", "localhost");
  for (auto& t : threads) t.join();
  std::vector<testing::FaultServer::Hit> numeric, named;
  for (const auto& hit : server_.hits())
    (hit.host.rfind("localhost", 0) == 0 ? named : numeric).push_back(hit);
  ASSERT_EQ(numeric.size(), 2u);
  ASSERT_EQ(named.size(), 1u);
  EXPECT_GE(numeric[1].arrived - numeric[0].arrived, milliseconds(700));
  EXPECT_LT(named[0].arrived, numeric[1].arrived);  // did not queue behind 127.0.0.1
}

TEST(HostGateTest, ArxivApiIsNeverUngatedByDefault) {
  HttpSettings defaults;
  HostGate gate(defaults.host_min_interval_ms, defaults.min_interval_ms);
  EXPECT_EQ(gate.interval_for("export.arxiv.org", -1), 3000);
  EXPECT_EQ(gate.interval_for("example.org", -1), 0);
  EXPECT_EQ(gate.interval_for("export.arxiv.org", 5000), 5000);  // a request may ask for more
  EXPECT_EQ(gate.interval_for("export.arxiv.org", 0), 0);        // or, explicitly, for none
}

TEST(HostGateTest, PassWaitsForTheIntervalAfterTheLastOneEnds) {
  HostGate gate({}, 0);
  auto start = HostGate::Clock::now();
  { auto pass = gate.enter("a", 200, nullptr); }
  { auto pass = gate.enter("a", 200, nullptr); }
  EXPECT_GE(HostGate::Clock::now() - start, milliseconds(200));
  auto other = gate.enter("b", 200, nullptr);  // another host: at once
  EXPECT_TRUE(other.admitted());
}

TEST(HostGateTest, WaitingGivesUpWhenCancelled) {
  HostGate gate({}, 0);
  auto held = gate.enter("a", 100000, nullptr);
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    cancelled = true;
  });
  auto waiting = gate.enter("a", 100000, &cancelled);
  canceller.join();
  EXPECT_FALSE(waiting.admitted());
}

}  // namespace
}  // namespace quire
