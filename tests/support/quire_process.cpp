#include "support/quire_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "support/temp_dir.hpp"

extern char** environ;

namespace quire::testing {

std::string quire_binary() { return QUIRE_TEST_BINARY; }
std::string test_workflows_dir() { return QUIRE_TEST_WORKFLOWS; }
std::string bad_plugin_dir() { return QUIRE_TEST_BAD_PLUGINS; }

namespace {

std::vector<std::string> environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    // Tests control these themselves.
    if (entry.rfind("QUIRE_", 0) == 0 || entry.rfind("SOURCE_DATE_EPOCH=", 0) == 0) continue;
    env.push_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

int spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err,
          const std::vector<std::string>& extra_env, const std::string& cwd = "") {
  std::vector<std::string> argv_text = {quire_binary()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto env_text = environment(extra_env);
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + quire_binary());
  return pid;
}

}  // namespace

int wait_quire(int pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

ProcessResult run_quire(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  return run_quire_in("", args, env);
}

ProcessResult run_quire_in(const std::string& cwd, const std::vector<std::string>& args,
                           const std::vector<std::string>& env) {
  TempDir logs;
  auto out = (logs / "out").string(), err = (logs / "err").string();
  ProcessResult result;
  result.exit_code = wait_quire(spawn(args, out, err, env, cwd));
  result.out = read_text(out);
  result.err = read_text(err);
  return result;
}

int spawn_quire(const std::vector<std::string>& args, const std::string& log,
                const std::vector<std::string>& env) {
  return spawn(args, log, log + ".err", env);
}

}  // namespace quire::testing
