// The workflow as plain data: what the TOML file says, with where it said it.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.hpp"
#include "workflow/source_file.hpp"

namespace quire {

struct StageSpec {
  std::string id;
  size_t index = 0;  // declaration order: breaks every tie, so runs are deterministic
  std::string plugin;
  std::vector<std::string> needs;
  Json config = Json::object();  // params interpolated; plugin defaults not yet applied
  std::string description;

  SourceLocation at;                                            // the [stages.<id>] header
  SourceLocation plugin_at;                                     // the plugin value
  std::vector<SourceLocation> needs_at;                         // one per entry of `needs`
  std::map<std::string, SourceLocation> config_key_at;          // top-level config keys
  std::set<std::string, std::less<>> keys_set_on_command_line;  // dotted config keys from --set
};

struct Workflow {
  SourceFile source;
  std::string name;
  std::string title;
  std::string direction;
  // Where relative paths resolve: written in the file, against its directory; given with --set,
  // against the directory quire was started in. Both absolute.
  std::filesystem::path dir;
  std::filesystem::path invocation_dir;
  std::vector<std::filesystem::path> plugin_path;  // absolute, in search order
  Json params = Json::object();
  std::vector<StageSpec> stages;                     // in declaration order
  std::map<std::string, size_t, std::less<>> index;  // stage id -> position in `stages`

  const StageSpec* find(std::string_view id) const;
  size_t index_of(std::string_view id) const;  // stages.size() when absent
};

// `--set target.key=value`: target is a stage id or "params"; key may be dotted.
struct Override {
  std::string target;
  std::string key;
  std::string value;  // TOML value text; a bare word that is not TOML is taken as a string
  std::string text;   // as typed, for messages
};

}  // namespace quire
