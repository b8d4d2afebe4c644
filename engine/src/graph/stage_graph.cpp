#include "graph/stage_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <functional>
#include <optional>
#include <queue>

namespace quire {

namespace {

// Edges point from a stage to what it needs, so a cycle reads in `needs` order.
using NeedsGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<NeedsGraph>::vertex_descriptor;
using Edge = boost::graph_traits<NeedsGraph>::edge_descriptor;

// Keeps the DFS path; the first back edge closes a cycle along it.
class CycleFinder : public boost::default_dfs_visitor {
 public:
  CycleFinder(std::vector<Vertex>* path, std::optional<std::vector<Vertex>>* cycle)
      : path_(path), cycle_(cycle) {}
  void discover_vertex(Vertex v, const NeedsGraph&) { path_->push_back(v); }
  void finish_vertex(Vertex, const NeedsGraph&) { path_->pop_back(); }
  void back_edge(Edge e, const NeedsGraph& g) {
    if (cycle_->has_value()) return;
    auto target = boost::target(e, g);
    auto start = std::find(path_->begin(), path_->end(), target);
    std::vector<Vertex> cycle(start, path_->end());
    cycle.push_back(target);
    *cycle_ = cycle;
  }

 private:
  std::vector<Vertex>* path_;
  std::optional<std::vector<Vertex>>* cycle_;
};

std::vector<size_t> kahn_order(const std::vector<std::vector<size_t>>& deps,
                               const std::vector<std::vector<size_t>>& dependents) {
  std::vector<size_t> waiting(deps.size());
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < deps.size(); ++i)
    if ((waiting[i] = deps[i].size()) == 0) ready.push(i);
  std::vector<size_t> order;
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    order.push_back(i);
    for (size_t d : dependents[i])
      if (--waiting[d] == 0) ready.push(d);
  }
  return order;
}

}  // namespace

StatusOr<StageGraph> StageGraph::build(const Workflow& workflow) {
  size_t n = workflow.stages.size();
  NeedsGraph g(n);
  StageGraph graph;
  graph.deps_.resize(n);
  graph.dependents_.resize(n);
  for (const auto& stage : workflow.stages)
    for (const auto& need : stage.needs) {
      size_t dep = workflow.index_of(need);
      boost::add_edge(stage.index, dep, g);
      graph.deps_[stage.index].push_back(dep);
      graph.dependents_[dep].push_back(stage.index);
    }
  for (auto& list : graph.dependents_) std::sort(list.begin(), list.end());

  std::vector<Vertex> path;
  std::optional<std::vector<Vertex>> cycle;
  std::vector<boost::default_color_type> colors(n);
  auto color_map =
      boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g));
  CycleFinder finder(&path, &cycle);
  for (Vertex v = 0; v < n && !cycle; ++v)  // declaration order: the same cycle every time
    if (colors[v] == boost::white_color) boost::depth_first_visit(g, v, finder, color_map);
  if (cycle) {
    std::string text;
    for (Vertex v : *cycle) text += (text.empty() ? "" : " -> ") + workflow.stages[v].id;
    const auto& first = workflow.stages[(*cycle)[0]];
    const auto& second = workflow.stages[(*cycle)[1]].id;
    size_t edge = static_cast<size_t>(std::find(first.needs.begin(), first.needs.end(), second) -
                                      first.needs.begin());
    return Status::bad_workflow(
        workflow.source.diagnose(first.needs_at[edge], "dependency cycle: " + text));
  }
  graph.order_ = kahn_order(graph.deps_, graph.dependents_);
  return graph;
}

namespace {

// `roots` and everything reachable from them along `edges`.
std::vector<bool> closure(const std::vector<std::vector<size_t>>& edges,
                          const std::vector<size_t>& roots) {
  std::vector<bool> in(edges.size(), false);
  std::vector<size_t> stack = roots;
  while (!stack.empty()) {
    size_t i = stack.back();
    stack.pop_back();
    if (in[i]) continue;
    in[i] = true;
    for (size_t next : edges[i]) stack.push_back(next);
  }
  return in;
}

}  // namespace

std::vector<bool> StageGraph::upstream_closure(const std::vector<size_t>& roots) const {
  return closure(deps_, roots);
}

std::vector<bool> StageGraph::downstream_closure(const std::vector<size_t>& roots) const {
  return closure(dependents_, roots);
}

std::string graph_text(const Workflow& workflow, const StageGraph& graph) {
  std::string out = "workflow " + workflow.name + ": " + std::to_string(graph.size()) + " stages\n";
  size_t width = 0;
  for (const auto& s : workflow.stages) width = std::max(width, s.id.size());
  for (size_t i : graph.order()) {
    const auto& stage = workflow.stages[i];
    out +=
        "  " + stage.id + std::string(width - stage.id.size() + 2, ' ') + "[" + stage.plugin + "]";
    if (!stage.needs.empty()) {
      out += "  <- ";
      for (size_t k = 0; k < stage.needs.size(); ++k) out += (k ? ", " : "") + stage.needs[k];
    }
    out += "\n";
  }
  return out;
}

namespace {

std::string dot_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string graph_dot(const Workflow& workflow, const StageGraph& graph) {
  std::string out =
      "digraph " + dot_quote(workflow.name) + " {\n  rankdir=LR;\n  node [shape=box];\n";
  for (size_t i : graph.order()) {
    const auto& stage = workflow.stages[i];
    out += "  " + dot_quote(stage.id) + " [label=\"" + stage.id + "\\n" + stage.plugin + "\"];\n";
  }
  for (size_t i : graph.order())
    for (size_t d : graph.deps(i))
      out += "  " + dot_quote(workflow.stages[d].id) + " -> " + dot_quote(workflow.stages[i].id) +
             ";\n";
  return out + "}\n";
}

}  // namespace quire
