// The `files` plugin and QUIRE_STAGE_LOCAL_FILES through the real binary: a directory's files
// become outputs; the stage re-reads them on every run (--no-fresh too), and the stage below it
// reruns only when a file's bytes changed.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

class LocalFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "templates");
    write_text(dir_ / "templates/a.mustache", "alpha {{x}}\n");
    write_text(dir_ / "templates/b.mustache", "beta\n");
    write_text(dir_ / "templates/notes.txt", "not a template\n");
    write_text(dir_ / "wf.toml",
               "[workflow]\nname = \"files\"\n\n"
               "[stages.templates]\nplugin = \"files\"\n"
               "config = { dir = \"" +
                   (dir_ / "templates").string() +
                   "\", extensions = [\".mustache\"] }\n\n"
                   "[stages.report]\nplugin = \"test-report\"\n"
                   "needs = [\"templates\"]\n");
  }
  ProcessResult run(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run",       (dir_ / "wf.toml").string(),
                                     "--run-dir", (dir_ / "run").string(),
                                     "--cache",   (dir_ / "cache").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args, {"SOURCE_DATE_EPOCH=1700000000"});
  }
  std::map<std::string, std::string> statuses() {
    Json record = Json::parse(read_text(dir_ / "run/production_run.json"));
    std::map<std::string, std::string> out;
    for (const auto& s : record["stages"]) out[s["id"]] = s["status"];
    return out;
  }
  TempDir dir_;
};

TEST_F(LocalFilesTest, FilesBecomeOutputsAndEditsReachTheStageBelowEvenOffline) {
  ProcessResult first = run();
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(read_text(dir_ / "run/templates/a.mustache"), "alpha {{x}}\n");
  EXPECT_TRUE(fs::exists(dir_ / "run/templates/b.mustache"));
  EXPECT_FALSE(fs::exists(dir_ / "run/templates/notes.txt"));  // filtered by extension
  EXPECT_NE(read_text(dir_ / "run/report/report.md").find("templates/a.mustache"),
            std::string::npos);

  // Unchanged files: the files stage re-reads them, the report is cached.
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(statuses()["templates"], "ran");
  EXPECT_EQ(statuses()["report"], "cached");

  // An edited file reaches the report under --no-fresh too.
  write_text(dir_ / "templates/b.mustache", "beta, edited\n");
  ProcessResult offline = run({"--no-fresh"});
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_EQ(statuses()["report"], "ran");
  EXPECT_NE(read_text(dir_ / "run/report/report.md").find("beta, edited"), std::string::npos);
}

TEST_F(LocalFilesTest, AMissingDirectoryIsAClearStageError) {
  fs::remove_all(dir_ / "templates");
  ProcessResult r = run();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("is not a directory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("templates"), std::string::npos) << r.err;
}

// A workflow that names its template directory relatively: `dir` resolves against the
// workflow file, whichever directory quire is started in.
TEST_F(LocalFilesTest, ARelativeDirInTheWorkflowIsReadBesideTheWorkflowFile) {
  write_text(dir_ / "wf.toml",
             "[workflow]\nname = \"files\"\n\n"
             "[stages.templates]\nplugin = \"files\"\n"
             "config = { dir = \"templates\", extensions = [\".mustache\"] }\n");
  fs::create_directories(dir_ / "elsewhere/templates");
  write_text(dir_ / "elsewhere/templates/a.mustache", "the wrong one\n");
  std::vector<std::string> args = {"run",       (dir_ / "wf.toml").string(),
                                   "--run-dir", (dir_ / "run").string(),
                                   "--cache",   (dir_ / "cache").string()};
  ProcessResult r = run_quire_in((dir_ / "elsewhere").string(), args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text(dir_ / "run/templates/a.mustache"), "alpha {{x}}\n");

  // A relative directory that is not there: the message names the absolute path it looked at.
  fs::rename(dir_ / "templates", dir_ / "moved");
  r = run_quire_in((dir_ / "elsewhere").string(), args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(
      r.err.find((dir_ / "templates").string() + " is not a directory ('templates' as written)"),
      std::string::npos)
      << r.err;
}

// Given on the command line, a relative path means what a shell user means: the current
// directory.
TEST_F(LocalFilesTest, ARelativeDirGivenWithSetIsReadFromTheCurrentDirectory) {
  fs::create_directories(dir_ / "elsewhere/templates");
  write_text(dir_ / "elsewhere/templates/a.mustache", "from the current directory\n");
  ProcessResult r =
      run_quire_in((dir_ / "elsewhere").string(),
                   {"run", (dir_ / "wf.toml").string(), "--run-dir", (dir_ / "run").string(),
                    "--cache", (dir_ / "cache").string(), "--set", "templates.dir=templates"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text(dir_ / "run/templates/a.mustache"), "from the current directory\n");
  EXPECT_FALSE(fs::exists(dir_ / "run/templates/b.mustache"));
}

// A path spliced in from a param: the param's origin decides. Written in the file, it is read
// beside the workflow; set with --set params.x, from the current directory.
TEST_F(LocalFilesTest, APathFromAParamFollowsWhereTheParamWasGiven) {
  write_text(dir_ / "wf.toml",
             "[workflow]\nname = \"files\"\n\n[params]\nlook = \"templates\"\n\n"
             "[stages.templates]\nplugin = \"files\"\n"
             "config = { dir = \"${params.look}\" }\n");
  fs::create_directories(dir_ / "elsewhere/templates");
  write_text(dir_ / "elsewhere/templates/c.mustache", "from the current directory\n");
  std::vector<std::string> args = {"run",       (dir_ / "wf.toml").string(),
                                   "--run-dir", (dir_ / "run").string(),
                                   "--cache",   (dir_ / "cache").string()};
  ProcessResult r = run_quire_in((dir_ / "elsewhere").string(), args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "run/templates/a.mustache"));
  EXPECT_FALSE(fs::exists(dir_ / "run/templates/c.mustache"));

  args.insert(args.end(), {"--set", "params.look=templates"});
  r = run_quire_in((dir_ / "elsewhere").string(), args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text(dir_ / "run/templates/c.mustache"), "from the current directory\n");
  EXPECT_FALSE(fs::exists(dir_ / "run/templates/a.mustache"));
}

TEST_F(LocalFilesTest, PluginsListingShowsTheFlag) {
  ProcessResult r = run_quire({"plugins"}, {});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("files 0.1.0 [local files]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a path (string), required. the directory whose files"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace quire::testing
