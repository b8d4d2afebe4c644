// The DAG: cycles are reported with the stages on them, order is deterministic.
#include "graph/stage_graph.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "workflow/parser.hpp"

namespace quire {
namespace {

class StageGraphTest : public ::testing::Test {
 protected:
  // stages: "id:dep1,dep2" in declaration order.
  StatusOr<StageGraph> build(const std::vector<std::string>& stages) {
    std::string text = "[workflow]\nname = \"g\"\n";
    for (const auto& s : stages) {
      auto colon = s.find(':');
      text += "[stages." + s.substr(0, colon) + "]\nplugin = \"p\"\nneeds = [";
      if (colon != std::string::npos) {
        std::string deps = s.substr(colon + 1);
        size_t start = 0;
        while (start < deps.size()) {
          auto comma = deps.find(',', start);
          if (comma == std::string::npos) comma = deps.size();
          text += (start ? ", \"" : "\"") + deps.substr(start, comma - start) + "\"";
          start = comma + 1;
        }
      }
      text += "]\n";
    }
    testing::write_text(dir_ / "g.toml", text);
    auto workflow = load_workflow(dir_ / "g.toml");
    EXPECT_TRUE(workflow.ok()) << workflow.status().message();
    workflow_ = std::move(*workflow);
    return StageGraph::build(workflow_);
  }
  std::vector<std::string> order(const StageGraph& graph) {
    std::vector<std::string> ids;
    for (size_t i : graph.order()) ids.push_back(workflow_.stages[i].id);
    return ids;
  }
  testing::TempDir dir_;
  Workflow workflow_;
};

TEST_F(StageGraphTest, DependencyCycle) {
  auto graph = build({"a:c", "b:a", "c:b"});
  ASSERT_FALSE(graph.ok());
  auto message = graph.status().message();
  EXPECT_EQ(message.substr(message.find(": error: ") + 9,
                           message.find('\n') - message.find(": error: ") - 9),
            "dependency cycle: a -> c -> b -> a");
  EXPECT_NE(message.find("g.toml:5:10:"), std::string::npos) << message;  // a's needs entry
}

TEST_F(StageGraphTest, SelfDependencyIsACycle) {
  auto graph = build({"x", "a:a"});
  ASSERT_FALSE(graph.ok());
  EXPECT_NE(graph.status().message().find("dependency cycle: a -> a"), std::string::npos);
}

TEST_F(StageGraphTest, OrderIsTopologicalWithDeclarationTieBreak) {
  auto graph = build({"report:left,right", "right:src", "left:src", "src"});
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  EXPECT_EQ(order(*graph), (std::vector<std::string>{"src", "right", "left", "report"}));
}

TEST_F(StageGraphTest, ClosuresFollowEdges) {
  auto graph = build({"src", "a:src", "b:src", "c:a"});
  ASSERT_TRUE(graph.ok());
  auto up = graph->upstream_closure({3});
  EXPECT_EQ(up, (std::vector<bool>{true, true, false, true}));
  auto down = graph->downstream_closure({1});
  EXPECT_EQ(down, (std::vector<bool>{false, true, false, true}));
}

TEST_F(StageGraphTest, DotNamesEveryEdge) {
  auto graph = build({"src", "a:src"});
  ASSERT_TRUE(graph.ok());
  auto dot = graph_dot(workflow_, *graph);
  EXPECT_NE(dot.find("\"src\" -> \"a\";"), std::string::npos) << dot;
  EXPECT_EQ(dot.rfind("digraph \"g\" {", 0), 0u);
}

}  // namespace
}  // namespace quire
