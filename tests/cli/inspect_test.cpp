// validate, graph and plugins, and the exit codes of bad input.
#include <gtest/gtest.h>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::testing {
namespace {

std::string example() { return test_workflows_dir() + "/example.toml"; }

TEST(InspectTest, ValidateAcceptsTheExample) {
  auto r = run_quire({"validate", example()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ok: workflow 'example', 4 stages"), std::string::npos) << r.out;
}

TEST(InspectTest, ValidateRejectsATypoWithExitCode2) {
  TempDir dir;
  write_text(
      dir / "w.toml",
      "[workflow]\nname = \"w\"\n[stages.a]\nplugin = \"test-source\"\nconfig = { cout = 1 }\n");
  auto r = run_quire({"validate", (dir / "w.toml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            (dir / "w.toml").string() +
                ":5:12: error: unknown config key 'cout' for plugin 'test-source' in stage 'a' "
                "(did you mean 'count'?)\n    config = { cout = 1 }\n               ^\n");
  auto run = run_quire({"run", (dir / "w.toml").string(), "--run-dir", (dir / "r").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "r"));
}

TEST(InspectTest, GraphAsTextAndDot) {
  auto text = run_quire({"graph", example()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out,
            "workflow example: 4 stages\n"
            "  source  [test-source]\n"
            "  shout   [test-transform]  <- source\n"
            "  mirror  [test-transform]  <- source\n"
            "  report  [test-report]  <- shout, mirror\n");
  auto dot = run_quire({"graph", example(), "--format", "dot"});
  ASSERT_EQ(dot.exit_code, 0);
  EXPECT_NE(dot.out.find("\"shout\" -> \"report\";"), std::string::npos) << dot.out;
  EXPECT_EQ(run_quire({"graph", example(), "--format", "svg"}).exit_code, 2);
}

TEST(InspectTest, PluginsListsLoadedAndRejectedWithReasons) {
  auto r = run_quire({"plugins", "--plugin-path", bad_plugin_dir()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("test-source 1.0.0 [network]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("count              an integer, default 3. how many items"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("rejected (9):"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("built for plugin ABI 99.2; this engine speaks ABI 1.2"), std::string::npos);
}

TEST(InspectTest, UsageErrorsExit2) {
  EXPECT_EQ(run_quire({}).exit_code, 2);
  EXPECT_EQ(run_quire({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_quire({"run"}).exit_code, 2);
  EXPECT_EQ(run_quire({"run", example(), "--jobs", "many"}).exit_code, 2);
  EXPECT_EQ(run_quire({"run", example(), "--set", "nodot"}).exit_code, 2);
  EXPECT_EQ(run_quire({"--version"}).out.rfind("quire ", 0), 0u);
}

}  // namespace
}  // namespace quire::testing
