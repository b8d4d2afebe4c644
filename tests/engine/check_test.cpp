// Plugin-aware validation: unknown plugins, config keys and types, required keys, defaults.
#include "workflow/check.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "workflow/parser.hpp"

namespace quire {
namespace {

class CheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new PluginRegistry(PluginRegistry::discover({QUIRE_TEST_PLUGINS}));
  }
  static void TearDownTestSuite() { delete registry_; }

  StatusOr<std::vector<ResolvedStage>> check(const std::string& stage_body) {
    testing::write_text(dir_ / "c.toml", "[workflow]\nname = \"c\"\n[stages.s]\n" + stage_body);
    auto workflow = load_workflow(dir_ / "c.toml");
    EXPECT_TRUE(workflow.ok()) << workflow.status().message();
    workflow_ = std::move(*workflow);
    return check_workflow(workflow_, *registry_);
  }
  std::string error_line(const std::string& stage_body) {
    auto result = check(stage_body);
    if (result.ok()) return "ok";
    auto message = result.status().message();
    return message.substr(message.find(".toml:") + 5,
                          message.find('\n') - message.find(".toml:") - 5);
  }

  static PluginRegistry* registry_;
  testing::TempDir dir_;
  Workflow workflow_;
};

PluginRegistry* CheckTest::registry_ = nullptr;

TEST_F(CheckTest, ErrorsNameTheKeyAndWhere) {
  EXPECT_EQ(
      error_line("plugin = \"test-sorce\"\n"),
      ":4:10: error: stage 's' uses unknown plugin 'test-sorce' (did you mean 'test-source'?); "
      "`quire plugins` lists what was found and rejected");
  EXPECT_EQ(error_line("plugin = \"test-source\"\nconfig = { cuont = 2 }\n"),
            ":5:12: error: unknown config key 'cuont' for plugin 'test-source' in stage 's' (did "
            "you mean 'count'?)");
  EXPECT_EQ(error_line("plugin = \"test-source\"\nconfig = { count = \"2\" }\n"),
            ":5:12: error: stages.s.config.count must be an integer, not a string");
  EXPECT_EQ(error_line("plugin = \"test-transform\"\n[stages.s.config]\nfail = 1\n"),
            ":6:1: error: stages.s.config.fail must be a boolean, not an integer");
}

TEST_F(CheckTest, DefaultsAreFilledIn) {
  auto stages = check("plugin = \"test-source\"\nconfig = { count = 5 }\n");
  ASSERT_TRUE(stages.ok()) << stages.status().message();
  EXPECT_EQ((*stages)[0].config, Json::parse(R"({"count":5,"prefix":"item","remote":""})"));
}

}  // namespace
}  // namespace quire
