// TOML values to JSON, with ${params.name} interpolation in strings.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "util/json.hpp"
#include "workflow/source_file.hpp"

namespace quire {

SourceLocation location_of(const toml::node& node);
SourceLocation location_of(const toml::key& key);

// Converts `node` to JSON. Strings of the form "${params.x}" become the param's value (typed);
// "${params.x}" inside a longer string is replaced by its text. On failure returns false with
// `error` and `error_at` set (unknown param, a value JSON cannot hold).
bool toml_to_json(const toml::node& node, const Json& params, Json* out, std::string* error,
                  SourceLocation* error_at);

// The param names a string splices in ("${params.a.b}" -> "a.b"), in order; an unterminated
// reference ends the list.
std::vector<std::string> referenced_params(const std::string& text);

}  // namespace quire
