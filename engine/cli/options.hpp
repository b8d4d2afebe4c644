// Boost.Program_options glue: parse a subcommand's arguments or print a usage error (exit 2).
#pragma once

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace quire::cli {

namespace po = boost::program_options;

// Returns false (after printing the error) when the arguments do not parse.
inline bool parse_options(const std::vector<std::string>& args,
                          const po::options_description& options,
                          const po::positional_options_description& positional,
                          po::variables_map* vm, const char* usage) {
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), *vm);
    po::notify(*vm);
    return true;
  } catch (const po::error& e) {
    std::fprintf(stderr, "quire: %s\nusage: %s\n", e.what(), usage);
    return false;
  }
}

inline bool wants_help(const po::variables_map& vm, const po::options_description& options,
                       const char* usage) {
  if (!vm.count("help")) return false;
  std::cout << "usage: " << usage << "\n" << options;
  return true;
}

}  // namespace quire::cli
