// Parsing and structural validation of workflow files: every error names file:line:col.
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "workflow/parser.hpp"

namespace quire {
namespace {

using testing::TempDir;
using testing::write_text;

class WorkflowParserTest : public ::testing::Test {
 protected:
  // Loads `text` from a file named w.toml; returns the first line of the error, or "ok".
  std::string first_error_line(const std::string& text,
                               const std::vector<Override>& overrides = {}) {
    write_text(dir_ / "w.toml", text);
    auto workflow = load_workflow(dir_ / "w.toml", overrides);
    if (workflow.ok()) return "ok";
    EXPECT_EQ(workflow.status().code(), ExitCode::kBadWorkflow);
    auto message = workflow.status().message();
    auto prefix = (dir_ / "w.toml").string();
    EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
    message = message.substr(prefix.size());
    return message.substr(0, message.find('\n'));
  }
  TempDir dir_;
};

const char* kHead = "[workflow]\nname = \"w\"\n\n";

struct BadCase {
  const char* what;
  std::string text;
  const char* expected;
};

TEST_F(WorkflowParserTest, BadWorkflowsNameFileLineAndColumn) {
  const std::vector<BadCase> cases = {
      {"syntax", "[workflow\nname = \"w\"\n",
       ":1:10: error: Error while parsing table header: expected ']', saw '\\n'"},
      {"unknown top-level key", std::string(kHead) + "[stage.a]\nplugin = \"p\"\n",
       ":4:2: error: unknown key 'stage' in the workflow file (did you mean 'stages'?)"},
      {"typo in stage key", std::string(kHead) + "[stages.a]\nplugin = \"p\"\nneed = [\"b\"]\n",
       ":6:1: error: unknown key 'need' in [stages.a] (did you mean 'needs'?)"},
      {"typo in workflow key",
       "[workflow]\nname = \"w\"\ntitel = \"x\"\n[stages.a]\nplugin = \"p\"\n",
       ":3:1: error: unknown key 'titel' in [workflow] (did you mean 'title'?)"},
      {"needs not an array", std::string(kHead) + "[stages.a]\nplugin = \"p\"\nneeds = \"b\"\n",
       ":6:9: error: stages.a.needs must be an array of stage ids, not a string"},
      {"plugin not a string", std::string(kHead) + "[stages.a]\nplugin = 3\n",
       ":5:10: error: stages.a.plugin must be a string, not an integer"},
      {"missing plugin", std::string(kHead) + "[stages.a]\nneeds = []\n",
       ":4:1: error: stage 'a' has no `plugin`"},
      {"unknown dependency",
       std::string(kHead) +
           "[stages.fetch]\nplugin = \"p\"\n[stages.b]\nplugin = \"p\"\nneeds = [\"fecth\"]\n",
       ":8:10: error: stage 'b' needs unknown stage 'fecth' (did you mean 'fetch'?)"},
      {"duplicate stage id",
       std::string(kHead) + "[stages.a]\nplugin = \"p\"\n[stages.a]\nplugin = \"q\"\n",
       ":6:1: error: duplicate stage id 'a': [stages.a] is defined twice"},
      {"dependency listed twice",
       std::string(kHead) +
           "[stages.a]\nplugin = \"p\"\n[stages.b]\nplugin = \"p\"\nneeds = [\"a\", \"a\"]\n",
       ":8:15: error: stage 'b' lists 'a' twice in needs"},
      {"no workflow table", "[stages.a]\nplugin = \"p\"\n",
       ": error: missing [workflow] table (it needs at least `name`)"},
      {"workflow name wrong type", "[workflow]\nname = 1\n[stages.a]\nplugin = \"p\"\n",
       ":2:8: error: workflow.name must be a string, not an integer"},
      {"no stages", kHead, ": error: no [stages.<id>] tables: a workflow needs at least one stage"},
      {"bad stage id", std::string(kHead) + "[stages.\"a/b\"]\nplugin = \"p\"\n",
       ":4:9: error: stage id 'a/b' must be a plain name ([A-Za-z0-9_-], not starting with '-')"},
      {"unknown param",
       std::string(kHead) +
           "[params]\nn = 1\n[stages.a]\nplugin = \"p\"\nconfig = { k = \"${params.m}\" }\n",
       ":8:16: error: unknown parameter 'm' (did you mean 'n'?)"},
      {"config not a table", std::string(kHead) + "[stages.a]\nplugin = \"p\"\nconfig = 3\n",
       ":6:10: error: stages.a.config must be a table, not an integer"},
  };
  for (const auto& c : cases) EXPECT_EQ(first_error_line(c.text), c.expected) << c.what;
}

TEST_F(WorkflowParserTest, ErrorQuotesTheLineWithACaret) {
  write_text(dir_ / "w.toml", std::string(kHead) + "[stages.a]\nplugin = \"p\"\nneed = []\n");
  auto workflow = load_workflow(dir_ / "w.toml");
  ASSERT_FALSE(workflow.ok());
  EXPECT_NE(workflow.status().message().find("\n    need = []\n    ^"), std::string::npos)
      << workflow.status().message();
}

TEST_F(WorkflowParserTest, StagesKeepDeclarationOrderAndParamsAreTyped) {
  write_text(dir_ / "w.toml",
             "[workflow]\nname = \"w\"\nplugin_path = [\"plugins\", \"/abs\"]\n[params]\nn = "
             "4\nword = \"hi\"\n"
             "[stages.zeta]\nplugin = \"p\"\nconfig = { count = \"${params.n}\", label = "
             "\"n=${params.n} ${params.word}\" }\n"
             "[stages.alpha]\nplugin = \"p\"\nneeds = [\"zeta\"]\n");
  auto workflow = load_workflow(dir_ / "w.toml");
  ASSERT_TRUE(workflow.ok()) << workflow.status().message();
  ASSERT_EQ(workflow->stages.size(), 2u);
  EXPECT_EQ(workflow->stages[0].id, "zeta");  // file order, not alphabetical
  EXPECT_EQ(workflow->stages[1].id, "alpha");
  EXPECT_EQ(workflow->stages[0].config["count"], 4);  // whole-string param keeps its type
  EXPECT_EQ(workflow->stages[0].config["label"], "n=4 hi");
  ASSERT_EQ(workflow->plugin_path.size(), 2u);
  EXPECT_EQ(workflow->plugin_path[0], dir_.path() / "plugins");
  EXPECT_EQ(workflow->plugin_path[1], "/abs");
}

TEST_F(WorkflowParserTest, OverridesSetConfigAndParams) {
  auto text = std::string(kHead) +
              "[params]\nn = 1\n[stages.a]\nplugin = \"p\"\nconfig = { k = \"${params.n}\" }\n";
  write_text(dir_ / "w.toml", text);
  auto set_param = parse_override("params.n=5");
  auto set_word = parse_override("a.word=hello");
  auto set_list = parse_override("a.list=[1, 2]");
  ASSERT_TRUE(set_param.ok() && set_word.ok() && set_list.ok());
  auto workflow = load_workflow(dir_ / "w.toml", {*set_param, *set_word, *set_list});
  ASSERT_TRUE(workflow.ok()) << workflow.status().message();
  EXPECT_EQ(workflow->stages[0].config["k"], 5);
  EXPECT_EQ(workflow->stages[0].config["word"], "hello");  // a bare word is a string
  EXPECT_EQ(workflow->stages[0].config["list"], Json::parse("[1,2]"));
}

TEST_F(WorkflowParserTest, OverrideOfUnknownStageIsAnError) {
  write_text(dir_ / "w.toml", std::string(kHead) + "[stages.fetch]\nplugin = \"p\"\n");
  auto o = parse_override("fecth.count=3");
  ASSERT_TRUE(o.ok());
  auto workflow = load_workflow(dir_ / "w.toml", {*o});
  ASSERT_FALSE(workflow.ok());
  EXPECT_EQ(workflow.status().message(),
            "--set fecth.count=3: no stage 'fecth' (did you mean 'fetch'?)");
  EXPECT_FALSE(parse_override("novalue").ok());
  EXPECT_FALSE(parse_override(".x=1").ok());
}

TEST_F(WorkflowParserTest, MissingFileIsABadWorkflow) {
  auto workflow = load_workflow(dir_ / "absent.toml");
  ASSERT_FALSE(workflow.ok());
  EXPECT_EQ(workflow.status().code(), ExitCode::kBadWorkflow);
  EXPECT_NE(workflow.status().message().find("cannot read workflow file"), std::string::npos);
}

}  // namespace
}  // namespace quire
