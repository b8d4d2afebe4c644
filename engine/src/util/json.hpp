// Canonical JSON: the one serialisation used for keys, records and JSON outputs.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace quire {

using Json = nlohmann::json;  // object keys are kept sorted (std::map)

// Compact, sorted keys, UTF-8 kept as is, shortest round-trip numbers: the same value always
// gives the same bytes.
std::string canonical(const Json& value);
// Indented, sorted form for files people read (production_run.json); still deterministic.
std::string pretty(const Json& value);
// Parses JSON text; on failure returns false with a message in `error`.
bool parse_json(std::string_view text, Json* out, std::string* error);

}  // namespace quire
