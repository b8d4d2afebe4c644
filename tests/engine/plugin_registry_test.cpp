// Plugin discovery and the descriptor checks, against real shared libraries built for the test.
#include <gtest/gtest.h>
#include <quire/abi.h>

#include "plugin/registry.hpp"
#include "run/engine_context.hpp"
#include "support/temp_dir.hpp"

namespace quire {
namespace {

class PluginRegistryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ =
        new PluginRegistry(PluginRegistry::discover({QUIRE_TEST_BAD_PLUGINS, QUIRE_TEST_PLUGINS}));
  }
  static void TearDownTestSuite() { delete registry_; }

  std::string rejection(const std::string& file) const {
    for (const auto& r : registry_->rejected())
      if (r.path.filename() == file) return r.reason;
    return "(not rejected)";
  }
  static PluginRegistry* registry_;
};

PluginRegistry* PluginRegistryTest::registry_ = nullptr;

TEST_F(PluginRegistryTest, GoodPluginsLoadWithTheirDescriptors) {
  const auto* source = registry_->find("test-source");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->info().version, "1.0.0");
  EXPECT_TRUE(source->info().network());
  ASSERT_NE(source->info().field("count"), nullptr);
  EXPECT_EQ(*source->info().field("count")->default_value, 3);
  EXPECT_EQ(source->digest().rfind("sha256:", 0), 0u);
}

TEST_F(PluginRegistryTest, IncompatibleAndMalformedPluginsAreRejectedWithReasons) {
  EXPECT_EQ(rejection("libquire_bad_abi.so"),
            "built for plugin ABI 99.2; this engine speaks ABI 1.2");
  EXPECT_EQ(rejection("libquire_future_minor.so"),
            "needs plugin ABI 1.3; this engine provides only 1.2 (upgrade quire)");
  EXPECT_EQ(rejection("libquire_path_before_1_2.so"),
            "malformed descriptor: config field 'dir' is a path, which needs plugin ABI 1.2, but "
            "the plugin says 1.1");
  EXPECT_EQ(rejection("libquire_future_abi.so"),
            "exports quire_plugin_v2 (another plugin ABI); this engine looks for quire_plugin_v1");
  EXPECT_EQ(rejection("libquire_no_entry.so"),
            "not a quire plugin: no quire_plugin_v1 entry symbol");
  EXPECT_EQ(
      rejection("libquire_wrong_stdlib.so"),
      "plugin 'wrong-stdlib' was built against libc++ abi=1; this engine uses libstdc++ cxx11abi=1 "
      "(rebuild it against this SDK)");
  EXPECT_EQ(rejection("libquire_malformed.so").rfind("malformed descriptor: struct_size 16", 0),
            0u);
  EXPECT_EQ(rejection("libquire_not_elf.so").rfind("cannot load: ", 0), 0u);
  EXPECT_EQ(rejection("libquire_throws_again.so").rfind("duplicate plugin name 'test-throws'", 0),
            0u);
  EXPECT_EQ(registry_->find("bad-abi"), nullptr);
  EXPECT_NE(registry_->find("old-minor"), nullptr);  // an older minor ABI still loads
  EXPECT_EQ(registry_->find("wrong-stdlib"), nullptr);
}

// A minimal context: enough for a stage that throws before touching it.
TEST_F(PluginRegistryTest, AThrowingStageBecomesAnErrorValueNotACrash) {
  const auto* throws = registry_->find("test-throws");
  ASSERT_NE(throws, nullptr);
  EXPECT_EQ(throws->info().path.filename(), "libquire_throws.so");  // the first one found wins
  testing::TempDir dir;
  auto cache = Cache::open(dir / "cache");
  ASSERT_TRUE(cache.ok());
  std::atomic<bool> cancelled{false};
  RunObserver observer;
  std::mutex mutex;
  ContextSetup setup;
  setup.stage_id = "boom";
  EngineContext context(setup, *cache, cancelled, observer, mutex);
  auto result = throws->run_stage(context);
  EXPECT_EQ(result.code, QUIRE_RUN_FAILED);
  EXPECT_EQ(result.message, "stage threw a non-standard exception");
}

TEST_F(PluginRegistryTest, SearchPathPutsWorkflowDirsFirstAndBuiltinLast) {
  setenv("QUIRE_PLUGIN_PATH", "/env/one:/env/two", 1);
  auto path = PluginRegistry::search_path({"/from/workflow"});
  unsetenv("QUIRE_PLUGIN_PATH");
  ASSERT_EQ(path.size(), 4u);
  EXPECT_EQ(path[0], "/from/workflow");
  EXPECT_EQ(path[1], "/env/one");
  EXPECT_EQ(path[2], "/env/two");
  EXPECT_EQ(path[3].filename(), "plugins");
}

}  // namespace
}  // namespace quire
