// Runs the real `quire` binary for end-to-end tests and captures what it printed.
#pragma once

#include <string>
#include <vector>

namespace quire::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Paths of the build, injected by CMake.
std::string quire_binary();
std::string test_workflows_dir();
std::string bad_plugin_dir();

// Runs `quire <args>` with `env` ("NAME=value" entries) added to the environment.
ProcessResult run_quire(const std::vector<std::string>& args,
                        const std::vector<std::string>& env = {});
// The same, started in directory `cwd`.
ProcessResult run_quire_in(const std::string& cwd, const std::vector<std::string>& args,
                           const std::vector<std::string>& env = {});
// Starts `quire <args>` in the background; returns its pid. Output goes to `log`.
int spawn_quire(const std::vector<std::string>& args, const std::string& log,
                const std::vector<std::string>& env = {});
// Waits for a spawned quire; returns its exit code (128+signal when killed).
int wait_quire(int pid);

}  // namespace quire::testing
