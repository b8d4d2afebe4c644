// The draft from its Mustache templates. Built-in templates are compiled into the plugin
// (templates_embedded.cpp is generated from plugins/draft_render/templates/ at build time); a
// user's template of the same file name replaces one.
#include "model.hpp"
#include "mustache.hpp"
#include "templates_embedded.hpp"

namespace quire::draft {
namespace {

constexpr const char* kMain = "draft.md.mustache";

std::string known_names() {
  std::string out;
  for (const std::string& name : builtin_template_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Sections a template leaves empty (a condition that is false) leave their blank lines behind;
// Markdown reads one blank line like many, so runs of them collapse to one. The draft has no code
// blocks, whose blank lines would matter.
std::string collapse_blank_lines(const std::string& text) {
  std::string out, line;
  bool previous_blank = true;  // also drops blank lines at the top
  auto flush = [&](bool newline) {
    bool blank = line.find_first_not_of(" \t") == std::string::npos;
    if (!(blank && previous_blank)) out += (blank ? "" : line) + (newline ? "\n" : "");
    previous_blank = blank;
    line.clear();
  };
  for (char c : text) {
    if (c == '\n')
      flush(true);
    else
      line += c;
  }
  if (!line.empty()) flush(false);
  return out;
}

}  // namespace

std::vector<std::string> builtin_template_names() {
  std::vector<std::string> names;
  for (const auto& t : embedded_templates()) names.emplace_back(t.name);
  return names;
}

std::string render_templates(const Json& model,
                             const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> files;
  for (const auto& t : embedded_templates()) files.emplace(t.name, std::string(t.text));
  for (const auto& [name, text] : overrides) {
    auto it = files.find(name);
    if (it == files.end())
      throw DraftError("template '" + name +
                       "' replaces no built-in template (known: " + known_names() + ")");
    it->second = text;
  }
  try {
    return collapse_blank_lines(render_mustache(files, kMain, model));
  } catch (const MustacheError& e) {
    throw DraftError(e.what());
  }
}

}  // namespace quire::draft
