// The content-addressed store and action cache: atomic, verified, never silently corrupt.
#include "cache/cache.hpp"

#include <gtest/gtest.h>

#include "cache/maintenance.hpp"
#include "support/temp_dir.hpp"
#include "util/digest.hpp"

namespace quire {
namespace {

using testing::read_text;
using testing::write_text;

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cache = Cache::open(dir_ / "cache");
    ASSERT_TRUE(cache.ok()) << cache.status().message();
    cache_.emplace(std::move(*cache));
  }
  testing::TempDir dir_;
  std::optional<Cache> cache_;
};

TEST_F(CacheTest, ObjectsAreAddressedByTheirSha256) {
  auto digest = cache_->put_object("hello");
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(*digest, "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  std::string bytes;
  EXPECT_EQ(cache_->get_object(*digest, &bytes), Cache::Read::kOk);
  EXPECT_EQ(bytes, "hello");
  EXPECT_EQ(cache_->get_object(digest_of("absent"), &bytes), Cache::Read::kMissing);
}

TEST_F(CacheTest, CorruptObjectIsDetectedAndQuarantined) {
  auto digest = cache_->put_object("precious");
  ASSERT_TRUE(digest.ok());
  write_text(cache_->object_path(*digest), "tampered");
  std::string bytes;
  EXPECT_EQ(cache_->get_object(*digest, &bytes), Cache::Read::kCorrupt);
  EXPECT_TRUE(bytes.empty());
  EXPECT_FALSE(cache_->has_object(*digest));  // moved aside, never read again
  EXPECT_EQ(cache_stats(*cache_).quarantined, 1u);
}

TEST_F(CacheTest, ActionEntriesRoundTripAndBadOnesAreMisses) {
  auto digest = cache_->put_object("[]\n");
  ASSERT_TRUE(digest.ok());
  std::string key(64, 'a');
  ActionEntry entry{key, "stage", "plugin", "1.0", {{"out.json", OutputKind::kJson, *digest, 3}}};
  ASSERT_TRUE(cache_->put_action(entry).ok());
  auto read = cache_->get_action(key);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->to_json(), entry.to_json());

  write_text(cache_->action_path(key), "{\"key\": truncated");
  EXPECT_FALSE(cache_->get_action(key).has_value());
  EXPECT_FALSE(std::filesystem::exists(cache_->action_path(key)));
}

TEST_F(CacheTest, OutputNamesThatEscapeAreRejectedOnRead) {
  std::string key(64, 'b');
  write_text(cache_->action_path(key),
             "{\"key\":\"" + key +
                 "\",\"stage\":\"s\",\"plugin\":\"p\",\"plugin_version\":\"1\",\"outputs\":"
                 "[{\"name\":\"../../etc/passwd\",\"kind\":\"blob\",\"digest\":\"" +
                 digest_of("x") + "\",\"size\":1}]}");
  EXPECT_FALSE(cache_->get_action(key).has_value());
}

TEST_F(CacheTest, MemoIsKeyedByNamespaceAndItem) {
  ASSERT_TRUE(cache_->memo_put("plugin@1", "item-1", "value one").ok());
  std::string value;
  EXPECT_TRUE(cache_->memo_get("plugin@1", "item-1", &value));
  EXPECT_EQ(value, "value one");
  EXPECT_FALSE(cache_->memo_get("plugin@2", "item-1", &value));
  EXPECT_FALSE(cache_->memo_get("plugin@1", "item-2", &value));
}

TEST_F(CacheTest, VerifyReportsCorruptionAndDanglingEntries) {
  auto kept = cache_->put_object("kept");
  auto lost = cache_->put_object("lost");
  ASSERT_TRUE(kept.ok() && lost.ok());
  std::string key(64, 'c');
  ASSERT_TRUE(cache_->put_action({key, "s", "p", "1", {{"a", OutputKind::kBlob, *lost, 4}}}).ok());
  EXPECT_TRUE(verify_cache(*cache_).errors.empty());

  std::filesystem::remove(cache_->object_path(*lost));
  write_text(cache_->object_path(*kept), "flipped");
  auto report = verify_cache(*cache_);
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_NE(report.errors[0].find("corrupt object"), std::string::npos);
  EXPECT_NE(report.errors[1].find("references missing object " + *lost), std::string::npos);
}

TEST_F(CacheTest, GcKeepsReferencedObjectsOnly) {
  auto referenced = cache_->put_object("referenced");
  auto memo = cache_->memo_put("ns", "item", "memo value");
  auto orphan = cache_->put_object("orphan");
  ASSERT_TRUE(referenced.ok() && memo.ok() && orphan.ok());
  ASSERT_TRUE(
      cache_
          ->put_action(
              {std::string(64, 'd'), "s", "p", "1", {{"a", OutputKind::kBlob, *referenced, 10}}})
          .ok());
  auto report = collect_garbage(*cache_, {});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->objects_removed, 1u);
  EXPECT_TRUE(cache_->has_object(*referenced));
  EXPECT_FALSE(cache_->has_object(*orphan));
  std::string value;
  EXPECT_TRUE(cache_->memo_get("ns", "item", &value));
}

TEST_F(CacheTest, GcRefusesWhileARunHoldsTheCache) {
  FileLock run;
  ASSERT_TRUE(cache_->try_lock_cache(&run, FileLock::Mode::kShared));
  auto report = collect_garbage(*cache_, {});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("in use"), std::string::npos);
}

TEST_F(CacheTest, TempFilesOfDeadProcessesAreSwept) {
  write_text(cache_->tmp_dir() / (host_name() + ".999999999.0"), "half written");
  write_text(cache_->tmp_dir() / unique_temp_name(), "ours, in progress");
  cache_->sweep_temp();
  EXPECT_EQ(cache_stats(*cache_).temp_files, 1u);
}

TEST_F(CacheTest, UnknownLayoutIsRefused) {
  write_text(dir_ / "other" / "layout", "something else 9\n");
  auto cache = Cache::open(dir_ / "other");
  ASSERT_FALSE(cache.ok());
  EXPECT_NE(cache.status().message().find("unknown layout"), std::string::npos);
}

}  // namespace
}  // namespace quire
