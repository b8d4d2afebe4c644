// quire: the command-line entry point. Subcommands come from one table (ninja's kTools[]).
#include <cstdio>
#include <cstring>
#include <exception>
#include <quire/version.hpp>
#include <string>

#include "cli/commands.hpp"

namespace {

struct Command {
  const char* name;
  const char* help;
  int (*run)(const quire::cli::Args&);
};

constexpr Command kCommands[] = {
    {"run", "run a workflow (cached stages are reused)", quire::cli::cmd_run},
    {"validate", "check a workflow and its plugins' config without running",
     quire::cli::cmd_validate},
    {"graph", "print the stage graph (text or --format dot)", quire::cli::cmd_graph},
    {"plugins", "list plugins found, loaded and rejected", quire::cli::cmd_plugins},
    {"cache", "cache stats | verify | gc", quire::cli::cmd_cache},
    {"proof", "re-verify a run's supported quotes against the cached PDFs", quire::cli::cmd_proof},
};

void usage(FILE* out) {
  std::fprintf(
      out, "usage: quire COMMAND [options]   (quire COMMAND --help for options)\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(out, "  %-10s %s\n", c.name, c.help);
  std::fprintf(
      out,
      "\nexit codes: 0 ok, 1 a stage failed (proof: below the threshold), 2 bad workflow or usage, "
      "3 not cached under --no-fresh, 130 interrupted\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version") || !std::strcmp(argv[1], "version")) {
    std::printf("quire %s\n", QUIRE_VERSION_STRING);
    return 0;
  }
  for (const auto& c : kCommands) {
    if (std::strcmp(argv[1], c.name) != 0) continue;
    try {
      return c.run(quire::cli::Args(argv + 2, argv + argc));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "quire: internal error: %s\n", e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "quire: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
