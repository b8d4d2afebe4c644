// The interface a stage plugin implements.
#pragma once

#include <quire/context.hpp>

namespace quire {

// One instance is created per stage execution and destroyed right after run() returns, so a
// stage keeps no state between executions; anything worth keeping goes through the context
// (outputs, memo). run() may throw: the plugin boundary (plugin.hpp) turns any exception into
// an error result for the engine.
class Stage {
 public:
  virtual ~Stage() = default;
  // Reads config and inputs from `ctx`, writes outputs to it. Must be deterministic given the
  // same config, inputs, memo and run clock.
  virtual void run(Context& ctx) = 0;
};

}  // namespace quire
