// The subcommands, one function each, dispatched from the table in main.cpp.
#pragma once

#include <string>
#include <vector>

namespace quire::cli {

using Args = std::vector<std::string>;

int cmd_run(const Args& args);
int cmd_validate(const Args& args);
int cmd_graph(const Args& args);
int cmd_plugins(const Args& args);
int cmd_cache(const Args& args);
int cmd_proof(const Args& args);

}  // namespace quire::cli
