// The draft's templates through kainjow::mustache (Debian's header-only libkainjow-mustache-dev):
// the model's JSON becomes mustache data, partials are looked up among the template files by
// "<name>.mustache", and nothing is HTML-escaped because the output is Markdown.
#include "mustache.hpp"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <memory>
#include <regex>

namespace quire::draft {
namespace {

namespace mustache = kainjow::mustache;
using Json = nlohmann::json;

// JSON -> mustache data. Strings and numbers render as text (numbers as JSON writes them);
// false, null, "" and [] are falsy in sections, so a template can test for "nothing to say".
mustache::data to_data(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, to_data(item));
      return object;
    }
    case Json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const Json& item : value) list.push_back(to_data(item));
      return list;
    }
    case Json::value_t::string: {
      const std::string& text = value.get_ref<const std::string&>();
      if (text.empty()) return mustache::data{false};
      return mustache::data{text};
    }
    case Json::value_t::boolean:
      return mustache::data{value.get<bool>()};
    case Json::value_t::null:
      return mustache::data{false};
    default:
      return mustache::data{value.dump()};
  }
}

// kainjow looks partials up in the data; here they come from the template files instead, so a
// model key never shadows a partial of the same name.
class TemplateContext final : public mustache::basic_context<std::string> {
 public:
  TemplateContext(const mustache::data* root, const std::map<std::string, std::string>& templates)
      : inner_(root) {
    for (const auto& [name, text] : templates) {
      static const std::string kSuffix = ".mustache";
      if (name.size() <= kSuffix.size()) continue;
      std::string partial = name.substr(0, name.size() - kSuffix.size());
      partials_.emplace(partial, mustache::data{mustache::partial{[text] { return text; }}});
    }
  }
  void push(const mustache::data* data) override { inner_.push(data); }
  void pop() override { inner_.pop(); }
  const mustache::data* get(const std::string& name) const override { return inner_.get(name); }
  const mustache::data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    return it == partials_.end() ? nullptr : &it->second;
  }

 private:
  mustache::context<std::string> inner_;
  std::map<std::string, mustache::data> partials_;
};

// The 1-based line of a tag in `text`, for errors; 0 when it cannot be placed.
size_t line_of_tag(const std::string& text, const std::string& tag) {
  size_t at = text.find(tag);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

// Every {{>name}} in every template must name a template: kainjow (like the spec) renders an
// unknown partial as nothing, which would drop a section of the draft without a word.
void check_partials(const std::map<std::string, std::string>& templates) {
  static const std::regex partial(R"(\{\{>\s*([^}\s]+)\s*\}\})");
  for (const auto& [name, text] : templates)
    for (std::sregex_iterator it(text.begin(), text.end(), partial), end; it != end; ++it) {
      std::string wanted = (*it)[1].str() + ".mustache";
      if (!templates.count(wanted))
        throw MustacheError("template '" + name + "' line " +
                            std::to_string(line_of_tag(text, it->str())) + ": no template '" +
                            wanted + "' for the partial " + it->str());
    }
}

// kainjow ends a parse error with " at <offset>"; users want the line.
std::string with_line(const std::string& file, const std::string& text, const std::string& error) {
  static const std::regex at_offset(R"( at (\d+)$)");
  std::smatch m;
  if (!std::regex_search(error, m, at_offset)) return "template '" + file + "': " + error;
  size_t offset = std::min<size_t>(std::stoul(m[1]), text.size());
  size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  return "template '" + file + "' line " + std::to_string(line) + ": " + m.prefix().str();
}

}  // namespace

std::string render_mustache(const std::map<std::string, std::string>& templates,
                            const std::string& name, const nlohmann::json& data) {
  auto main = templates.find(name);
  if (main == templates.end()) throw MustacheError("no template named '" + name + "'");
  check_partials(templates);
  // Parse every template first, so a syntax error names the file it is in.
  for (const auto& [file, text] : templates) {
    mustache::mustache parsed{text};
    if (!parsed.is_valid()) throw MustacheError(with_line(file, text, parsed.error_message()));
  }
  mustache::mustache tmpl{main->second};
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  mustache::data root = to_data(data);
  TemplateContext context(&root, templates);
  std::string out = tmpl.render(context);
  if (!tmpl.is_valid()) throw MustacheError("template '" + name + "': " + tmpl.error_message());
  return out;
}

}  // namespace quire::draft
