#include "workflow/toml_json.hpp"

#include <cmath>
#include <sstream>

#include "util/suggest.hpp"
#include "workflow/source_file.hpp"

namespace quire {

SourceLocation location_of(const toml::node& node) {
  const auto& begin = node.source().begin;
  return {static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

SourceLocation location_of(const toml::key& key) {
  const auto& begin = key.source().begin;
  return {static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

namespace {

constexpr std::string_view kOpen = "${params.";

bool lookup_param(const Json& params, const std::string& name, Json* out) {
  const Json* at = &params;
  std::string_view rest = name;
  while (!rest.empty()) {
    auto dot = rest.find('.');
    std::string part(rest.substr(0, dot));
    if (!at->is_object() || !at->contains(part)) return false;
    at = &(*at)[part];
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  *out = *at;
  return true;
}

std::string param_text(const Json& value) {
  return value.is_string() ? value.get<std::string>() : canonical(value);
}

bool interpolate(const std::string& text, const Json& params, Json* out, std::string* error) {
  if (text.find(kOpen) == std::string::npos) {
    *out = text;
    return true;
  }
  std::string result;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find(kOpen, pos);
    if (open == std::string::npos) break;
    size_t close = text.find('}', open);
    if (close == std::string::npos) {
      *error = "unterminated '${params.' in string";
      return false;
    }
    std::string name = text.substr(open + kOpen.size(), close - open - kOpen.size());
    Json value;
    if (!lookup_param(params, name, &value)) {
      std::vector<std::string> known;
      for (auto& [key, _] : params.items()) known.push_back(key);
      *error = "unknown parameter '" + name + "'" + suggestion_suffix(name, known);
      return false;
    }
    if (open == 0 && close + 1 == text.size()) {  // the whole string: keep the param's type
      *out = value;
      return true;
    }
    if (value.is_object() || value.is_array()) {
      *error = "parameter '" + name + "' is a table or array and cannot be spliced into a string";
      return false;
    }
    result += text.substr(pos, open - pos) + param_text(value);
    pos = close + 1;
  }
  result += text.substr(pos);
  *out = result;
  return true;
}

}  // namespace

std::vector<std::string> referenced_params(const std::string& text) {
  std::vector<std::string> names;
  for (size_t open = text.find(kOpen); open != std::string::npos;
       open = text.find(kOpen, open + 1)) {
    size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    names.push_back(text.substr(open + kOpen.size(), close - open - kOpen.size()));
  }
  return names;
}

bool toml_to_json(const toml::node& node, const Json& params, Json* out, std::string* error,
                  SourceLocation* error_at) {
  auto fail = [&](std::string message) {
    *error = std::move(message);
    *error_at = location_of(node);
    return false;
  };
  if (auto s = node.as_string()) {
    if (!interpolate(s->get(), params, out, error)) return fail(*error);
    return true;
  }
  if (auto i = node.as_integer()) {
    *out = i->get();
    return true;
  }
  if (auto f = node.as_floating_point()) {
    if (!std::isfinite(f->get())) return fail("nan and inf are not allowed in config values");
    *out = f->get();
    return true;
  }
  if (auto b = node.as_boolean()) {
    *out = b->get();
    return true;
  }
  if (auto array = node.as_array()) {
    *out = Json::array();
    for (const auto& element : *array) {
      Json value;
      if (!toml_to_json(element, params, &value, error, error_at)) return false;
      out->push_back(std::move(value));
    }
    return true;
  }
  if (auto table = node.as_table()) {
    *out = Json::object();
    for (const auto& [key, value] : *table) {
      Json converted;
      if (!toml_to_json(value, params, &converted, error, error_at)) return false;
      (*out)[std::string(key.str())] = std::move(converted);
    }
    return true;
  }
  // Dates and times: kept as their TOML text, which is ISO 8601.
  std::ostringstream text;
  node.visit([&](const auto& value) { text << value; });
  *out = text.str();
  return true;
}

}  // namespace quire
