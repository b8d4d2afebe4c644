// Renders the draft's Mustache templates over the model's JSON, with kainjow::mustache (Debian's
// libkainjow-mustache-dev, header-only). Not mstch: Debian's libmstch.a is built without -fPIC
// and cannot be linked into a plugin. Values render unescaped (the output is Markdown); false,
// null, "" and [] are falsy; {{>name}} is the template file "name.mustache".
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace quire::draft {

// A template that does not parse (unclosed section, stray closing tag, unknown partial, an
// unsupported tag). The message names the template and the line.
class MustacheError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Renders template `name` out of `templates` (name -> text; partials are looked up there by the
// name written after '>') with `data` as the root context.
std::string render_mustache(const std::map<std::string, std::string>& templates,
                            const std::string& name, const nlohmann::json& data);

}  // namespace quire::draft
