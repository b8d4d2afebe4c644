// The stage DAG (Boost.Graph): dependencies, cycle detection and a deterministic order.
#pragma once

#include <string>
#include <vector>

#include "util/status.hpp"
#include "workflow/workflow.hpp"

namespace quire {

class StageGraph {
 public:
  // Builds the graph of `workflow` (whose needs are already known to name real stages).
  // A cycle is a bad-workflow error "dependency cycle: a -> b -> a" (a needs b needs a),
  // located at the first edge of the cycle.
  static StatusOr<StageGraph> build(const Workflow& workflow);

  size_t size() const { return deps_.size(); }
  // Stages `i` needs, in the order of its `needs`.
  const std::vector<size_t>& deps(size_t i) const { return deps_[i]; }
  // Stages that need `i`, by declaration order.
  const std::vector<size_t>& dependents(size_t i) const { return dependents_[i]; }
  // Topological order; among ready stages the earlier-declared goes first.
  const std::vector<size_t>& order() const { return order_; }
  // `roots` and everything they need, transitively.
  std::vector<bool> upstream_closure(const std::vector<size_t>& roots) const;
  // `roots` and everything that needs them, transitively.
  std::vector<bool> downstream_closure(const std::vector<size_t>& roots) const;

 private:
  std::vector<std::vector<size_t>> deps_;
  std::vector<std::vector<size_t>> dependents_;
  std::vector<size_t> order_;
};

// `quire graph` renderings.
std::string graph_text(const Workflow& workflow, const StageGraph& graph);
std::string graph_dot(const Workflow& workflow, const StageGraph& graph);

}  // namespace quire
