// End to end: the real quire binary runs workflows of test plugins on a real cache.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

// source -> (left, right) -> report, plus an independent `side` branch off source.
const char* kDiamond = R"([workflow]
name = "diamond"

[params]
items = 3

[stages.source]
plugin = "test-source"
config = { count = "${params.items}", prefix = "paper" }

[stages.left]
plugin = "test-transform"
needs = ["source"]
config = { op = "upper" }

[stages.right]
plugin = "test-transform"
needs = ["source"]
config = { op = "reverse" }

[stages.report]
plugin = "test-report"
needs = ["left", "right"]

[stages.side]
plugin = "test-transform"
needs = ["source"]
config = { op = "suffix", suffix = "!" }
)";

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override { write_text(workflow(), kDiamond); }

  fs::path workflow() const { return dir_ / "diamond.toml"; }
  fs::path run_dir() const { return dir_ / "run"; }

  ProcessResult run(std::vector<std::string> extra = {}, const fs::path& run_dir = {},
                    const fs::path& cache = {}) {
    std::vector<std::string> args = {
        "run",       workflow().string(),
        "--run-dir", (run_dir.empty() ? this->run_dir() : run_dir).string(),
        "--cache",   (cache.empty() ? dir_ / "cache" : cache).string()};
    if (std::find(extra.begin(), extra.end(), "-j") == extra.end())
      args.insert(args.end(), {"-j", "2"});
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args, {kEpoch});
  }
  Json record(const fs::path& run_dir = {}) const {
    return Json::parse(
        read_text((run_dir.empty() ? this->run_dir() : run_dir) / "production_run.json"));
  }
  std::map<std::string, std::string> statuses() const {
    std::map<std::string, std::string> out;
    Json r = record();  // keep it alive: iterating a member of a temporary would dangle
    for (const auto& s : r["stages"])
      out[s["id"].get<std::string>()] = s["status"].get<std::string>();
    return out;
  }
  // Every stage output of a run directory, by relative path.
  std::map<std::string, std::string> outputs(const fs::path& run_dir) const {
    std::map<std::string, std::string> files;
    for (const auto& stage : {"source", "left", "right", "report", "side"})
      for (const auto& entry : fs::directory_iterator(run_dir / stage))
        files[std::string(stage) + "/" + entry.path().filename().string()] =
            read_text(entry.path());
    return files;
  }

  TempDir dir_;
};

TEST_F(RunTest, FreshRunThenNoOpRerunIsAllCachedAndByteIdentical) {
  auto first = run();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "5 stages, 0 cached, 5 ran\n");
  auto before = outputs(run_dir());
  EXPECT_EQ(
      before["left/items.json"],
      R"([{"id":"paper-0","text":"TEXT OF PAPER-0"},{"id":"paper-1","text":"TEXT OF PAPER-1"},)"
      R"({"id":"paper-2","text":"TEXT OF PAPER-2"}])"
      "\n");
  EXPECT_NE(before["report/report.md"].find("run clock: 1700000000"), std::string::npos);

  auto second = run();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, "5 stages, 5 cached\n");
  EXPECT_EQ(outputs(run_dir()), before);
  for (const auto& [id, status] : statuses()) EXPECT_EQ(status, "cached") << id;
}

TEST_F(RunTest, RunRecordNamesPluginsKeysAndReasons) {
  ASSERT_EQ(run().exit_code, 0);
  auto r = record();
  EXPECT_EQ(r["engine"]["name"], "quire");
  EXPECT_EQ(r["run"]["clock"], 1700000000);
  EXPECT_EQ(r["run"]["clock_source"], "SOURCE_DATE_EPOCH");
  EXPECT_EQ(r["run"]["exit_code"], 0);
  ASSERT_EQ(r["plugins"].size(), 3u);
  EXPECT_EQ(r["plugins"][0]["name"], "test-report");
  EXPECT_EQ(r["plugins"][0]["digest"].get<std::string>().rfind("sha256:", 0), 0u);
  auto stage = r["stages"][1];
  EXPECT_EQ(stage["id"], "left");
  EXPECT_EQ(stage["status"], "ran");
  EXPECT_EQ(stage["reason"], "new");
  EXPECT_EQ(stage["key"].get<std::string>().size(), 64u);
  EXPECT_EQ(stage["inputs"]["source"]["items.json"], r["stages"][0]["outputs"][0]["digest"]);
}

TEST_F(RunTest, SameInputsInAFreshCacheGiveTheSameBytes) {
  ASSERT_EQ(run().exit_code, 0);
  ASSERT_EQ(run({}, dir_ / "run2", dir_ / "cache2").exit_code, 0);
  EXPECT_EQ(outputs(dir_ / "run2"), outputs(run_dir()));
}

TEST_F(RunTest, ConfigChangeRerunsExactlyTheDownstreamCone) {
  ASSERT_EQ(run().exit_code, 0);
  auto changed = run({"--set", "right.op=suffix"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_EQ(changed.out, "5 stages, 3 cached, 2 ran\n");
  auto s = statuses();
  EXPECT_EQ(s["source"], "cached");
  EXPECT_EQ(s["left"], "cached");
  EXPECT_EQ(s["side"], "cached");
  EXPECT_EQ(s["right"], "ran");
  EXPECT_EQ(s["report"], "ran");
  EXPECT_EQ(record()["stages"][2]["reason"], "config changed: op \"reverse\" -> \"suffix\"");
  EXPECT_EQ(record()["stages"][3]["reason"], "input changed (from right)");
}

TEST_F(RunTest, ForcedStageWithUnchangedOutputStopsAtEarlyCutoff) {
  ASSERT_EQ(run().exit_code, 0);
  auto forced = run({"--force", "left"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  auto s = statuses();
  EXPECT_EQ(s["left"], "ran");
  EXPECT_EQ(record()["stages"][1]["reason"], "forced (--force)");
  EXPECT_EQ(s["report"], "cached");  // same bytes from left: the report's key did not change
}

TEST_F(RunTest, DryRunSaysWhatWouldRunAndWhyAndChangesNothing) {
  ASSERT_EQ(run().exit_code, 0);
  auto before = read_text(run_dir() / "production_run.json");
  auto dry = run({"--dry-run", "--set", "right.op=suffix"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, "dry run: 5 stages, 3 cached, 1 would run, 1 may run\n");
  EXPECT_NE(dry.err.find("right: would-run (config changed: op \"reverse\" -> \"suffix\")"),
            std::string::npos)
      << dry.err;
  EXPECT_NE(dry.err.find("report: may-run (if upstream right changes its outputs)"),
            std::string::npos)
      << dry.err;
  EXPECT_EQ(read_text(run_dir() / "production_run.json"), before);

  auto new_stage = run({"--dry-run"}, dir_ / "elsewhere");
  EXPECT_EQ(new_stage.out, "dry run: 5 stages, 5 cached\n");  // a new run dir still hits the cache
  EXPECT_FALSE(fs::exists(dir_ / "elsewhere"));
}

TEST_F(RunTest, NoFreshReplaysWithoutTheNetworkAndExits3OnAMiss) {
  write_text(workflow(), std::string(kDiamond) + "\n");
  // The source now fetches from a "remote" directory that disappears after the fresh run.
  for (int i = 0; i < 4; ++i)
    write_text(dir_ / "remote" / ("paper-" + std::to_string(i) + ".txt"),
               "body " + std::to_string(i));
  std::vector<std::string> remote = {"--set", "source.remote=" + (dir_ / "remote").string()};
  ASSERT_EQ(run(remote).exit_code, 0);
  auto fetched = outputs(run_dir());
  fs::remove_all(dir_ / "remote");

  auto replay = remote;
  replay.insert(replay.end(), {"--no-fresh", "--force", "source"});
  auto replayed = run(replay);
  ASSERT_EQ(replayed.exit_code, 0) << replayed.err;  // memoised items replayed, nothing fetched
  EXPECT_EQ(outputs(run_dir()), fetched);

  auto more = remote;
  more.insert(more.end(), {"--no-fresh", "--set", "params.items=4"});
  auto missed = run(more);
  EXPECT_EQ(missed.exit_code, 3) << missed.err;
  EXPECT_NE(missed.err.find("source: not-cached"), std::string::npos) << missed.err;
  EXPECT_NE(missed.err.find("item paper-3 was never fetched"), std::string::npos) << missed.err;
  EXPECT_EQ(record()["stages"][0]["status"], "not-cached");
}

TEST_F(RunTest, FailingStageExits1AndKeepsTheOtherBranches) {
  auto failed =
      run({"--keep-going", "--set", "right.fail=true", "--set", "right.fail_message=disk on fire"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("right: failed"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("disk on fire"), std::string::npos) << failed.err;
  auto s = statuses();
  EXPECT_EQ(s["left"], "ran");
  EXPECT_EQ(s["side"], "ran");
  EXPECT_EQ(s["report"], "skipped");
  EXPECT_TRUE(fs::exists(run_dir() / "left" / "items.json"));

  auto fixed = run();  // the kept branches are reused
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  s = statuses();
  EXPECT_EQ(s["left"], "cached");
  EXPECT_EQ(s["side"], "cached");
  EXPECT_EQ(s["right"], "ran");
}

TEST_F(RunTest, WithoutKeepGoingNothingNewStartsAfterAFailure) {
  auto failed = run({"-j", "1", "--set", "left.fail=true"});
  EXPECT_EQ(failed.exit_code, 1) << failed.err;
  auto s = statuses();
  EXPECT_EQ(s["left"], "failed");
  EXPECT_EQ(s["right"], "skipped");  // declared after left, never started
  EXPECT_EQ(s["report"], "skipped");
}

TEST_F(RunTest, UntilAndOnlySelectStages) {
  auto until = run({"--until", "left"});
  ASSERT_EQ(until.exit_code, 0) << until.err;
  EXPECT_EQ(until.out, "2 stages, 0 cached, 2 ran\n");
  auto only = run({"--only", "right"});
  ASSERT_EQ(only.exit_code, 0) << only.err;
  EXPECT_EQ(only.out, "2 stages, 1 cached, 1 ran\n");  // source from the cache, right ran

  auto missing = run({"--only", "report"}, dir_ / "other", dir_ / "empty-cache");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("needed by --only but has no cached result"), std::string::npos)
      << missing.err;

  auto typo = run({"--until", "lfet"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("--until lfet: no such stage (did you mean 'left'?)"), std::string::npos)
      << typo.err;
}

TEST_F(RunTest, SigkillMidStageLosesNothing) {
  auto log = (dir_ / "killed.log").string();
  int pid = spawn_quire({"run", workflow().string(), "--run-dir", run_dir().string(), "--cache",
                         (dir_ / "cache").string(), "-j", "1", "--set", "left.sleep_ms=400"},
                        log, {kEpoch});
  // Wait until the slow stage has started (its incomplete marker exists), then kill.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool started = false;
  while (!started && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::error_code ec;
    for (fs::directory_iterator it(dir_ / "cache" / "incomplete", ec), end; !ec && it != end;
         it.increment(ec))
      started = started || it->path().extension() == ".json";
  }
  ASSERT_TRUE(started) << read_text(log + ".err");
  ::kill(pid, SIGKILL);
  EXPECT_EQ(wait_quire(pid), 128 + SIGKILL);

  auto rerun = run({"--set", "left.sleep_ms=400"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("was interrupted; running again"), std::string::npos) << rerun.err;
  auto verify = run_quire({"cache", "verify", "--cache", (dir_ / "cache").string()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_NE(verify.out.find(": 0 errors, 0 warnings"), std::string::npos) << verify.out;
  auto clean = run({"--set", "left.sleep_ms=400"});
  EXPECT_EQ(clean.out, "5 stages, 5 cached\n");
}

TEST_F(RunTest, CtrlCStopsTheRunWithExitCode130AndARerunFinishesIt) {
  auto log = (dir_ / "interrupted.log").string();
  int pid = spawn_quire({"run", workflow().string(), "--run-dir", run_dir().string(), "--cache",
                         (dir_ / "cache").string(), "-j", "1", "--set", "left.sleep_ms=300"},
                        log, {kEpoch});
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  // The event log is flushed when a stage starts: wait until `left` is inside its first item.
  auto events = run_dir() / ".quire" / "events.jsonl";
  while (read_text(events).find(R"("reason":"new","stage":"left"})") == std::string::npos) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << read_text(log + ".err");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_quire(pid), 130) << read_text(log + ".err");
  EXPECT_NE(read_text(log + ".err").find("left: cancelled"), std::string::npos)
      << read_text(log + ".err");

  auto rerun = run({"--set", "left.sleep_ms=300"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  auto verify = run_quire({"cache", "verify", "--cache", (dir_ / "cache").string()});
  EXPECT_NE(verify.out.find(": 0 errors, 0 warnings"), std::string::npos) << verify.out;
}

TEST_F(RunTest, TwoConcurrentRunsOnOneCacheBothSucceed) {
  std::vector<std::string> slow = {"--set", "left.sleep_ms=150", "--set", "right.sleep_ms=150"};
  auto args = [&](const std::string& run_name) {
    std::vector<std::string> a = {
        "run",     workflow().string(),       "--run-dir", (dir_ / run_name).string(),
        "--cache", (dir_ / "cache").string(), "-j",        "2"};
    a.insert(a.end(), slow.begin(), slow.end());
    return a;
  };
  int a = spawn_quire(args("run-a"), (dir_ / "a.log").string(), {kEpoch});
  int b = spawn_quire(args("run-b"), (dir_ / "b.log").string(), {kEpoch});
  EXPECT_EQ(wait_quire(a), 0) << read_text(dir_ / "a.log.err");
  EXPECT_EQ(wait_quire(b), 0) << read_text(dir_ / "b.log.err");
  EXPECT_EQ(outputs(dir_ / "run-a"), outputs(dir_ / "run-b"));
  auto verify = run_quire({"cache", "verify", "--cache", (dir_ / "cache").string()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_NE(verify.out.find(": 0 errors, 0 warnings"), std::string::npos) << verify.out;
}

TEST_F(RunTest, CorruptCachedOutputIsRecomputedNotUsed) {
  ASSERT_EQ(run().exit_code, 0);
  auto r = record();
  std::string digest = r["stages"][1]["outputs"][0]["digest"];
  auto hex = digest.substr(7);
  write_text(dir_ / "cache" / "objects" / hex.substr(0, 2) / hex, "garbage");
  auto verify = run_quire({"cache", "verify", "--cache", (dir_ / "cache").string()});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.out.find("corrupt object"), std::string::npos) << verify.out;

  fs::remove_all(run_dir());
  auto rerun = run();
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(statuses()["left"], "ran");
  EXPECT_NE(record()["stages"][1]["reason"].get<std::string>().find("corrupt"), std::string::npos);
  EXPECT_EQ(read_text(run_dir() / "left" / "items.json").substr(0, 8), R"([{"id":")");
}

TEST_F(RunTest, CacheStatsAndGc) {
  ASSERT_EQ(run().exit_code, 0);
  ASSERT_EQ(run({"--set", "right.op=suffix"}).exit_code, 0);
  auto stats = run_quire({"cache", "stats", "--cache", (dir_ / "cache").string()});
  ASSERT_EQ(stats.exit_code, 0);
  EXPECT_NE(stats.out.find("actions     7"), std::string::npos) << stats.out;
  auto gc = run_quire({"cache", "gc", "--cache", (dir_ / "cache").string()});
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  EXPECT_NE(gc.out.find("removed 0 unreferenced objects"), std::string::npos) << gc.out;
  auto again = run({"--set", "right.op=suffix"});
  EXPECT_EQ(again.out, "5 stages, 5 cached\n");
}

}  // namespace
}  // namespace quire::testing

namespace quire::testing {
namespace {

// A copy of a real plugin in its own directory, searched before the built-in one.
class PluginChangeTest : public RunTest {};

TEST_F(PluginChangeTest, RebuiltPluginBinaryRerunsItsStagesOnly) {
  fs::create_directories(dir_ / "plugins");
  auto copy = dir_ / "plugins" / "libquire_test_report.so";
  fs::copy_file(fs::path(QUIRE_TEST_PLUGINS) / "libquire_test_report.so", copy);
  std::vector<std::string> path = {"--plugin-path", (dir_ / "plugins").string()};
  ASSERT_EQ(run(path).exit_code, 0);
  // Different bytes, same code: stands in for a rebuild (ELF ignores trailing data).
  std::ofstream(copy, std::ios::app | std::ios::binary) << "rebuilt";
  auto rerun = run(path);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(rerun.out, "5 stages, 4 cached, 1 ran\n");
  EXPECT_EQ(record()["stages"][3]["reason"], "plugin changed (binary rebuilt)");
}

TEST_F(RunTest, CollectedInputIsReadBackFromTheRunDirectory) {
  ASSERT_EQ(run().exit_code, 0);
  // Lose every object of the cache; the run directory still has verified copies.
  fs::remove_all(dir_ / "cache" / "objects");
  auto rerun = run({"--force", "report"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(statuses()["report"], "ran");
  EXPECT_NE(read_text(run_dir() / "report" / "report.md").find("TEXT OF PAPER-2"),
            std::string::npos);
}

}  // namespace
}  // namespace quire::testing
