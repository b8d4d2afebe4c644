#include "workflow/parser.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "util/files.hpp"
#include "util/suggest.hpp"
#include "workflow/toml_json.hpp"

namespace quire {

namespace {

const std::vector<std::string> kTopKeys = {"params", "stages", "workflow"};
const std::vector<std::string> kWorkflowKeys = {"direction", "name", "plugin_path", "title"};
const std::vector<std::string> kStageKeys = {"config", "description", "needs", "plugin"};

// Stage ids become directory names and appear in keys: keep them plain.
bool is_stage_id(std::string_view id) {
  return is_safe_name(id) && id.find('.') == std::string_view::npos;
}

const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date/time";
  }
}

// Collects the first error; every check returns false once one is recorded.
class Parser {
 public:
  Parser(const SourceFile& source, Workflow* out) : source_(source), out_(out) {}

  bool error(SourceLocation at, const std::string& message) {
    if (error_.empty()) error_ = source_.diagnose(at, message);
    return false;
  }
  const std::string& error_text() const { return error_; }

  bool parse(const toml::table& root);

 private:
  bool check_keys(const toml::table& table, const std::vector<std::string>& allowed,
                  const std::string& where);
  bool parse_workflow_table(const toml::node* node);
  bool parse_plugin_path(const toml::node& node);
  bool parse_stage(const toml::key& id, const toml::node& node);
  bool parse_needs(const toml::node& node, StageSpec* stage);
  bool check_dependencies();

  const SourceFile& source_;
  Workflow* out_;
  std::string error_;
};

bool Parser::check_keys(const toml::table& table, const std::vector<std::string>& allowed,
                        const std::string& where) {
  for (const auto& [key, _] : table) {
    std::string name(key.str());
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return error(location_of(key),
                   "unknown key '" + name + "' in " + where + suggestion_suffix(name, allowed));
  }
  return true;
}

bool Parser::parse(const toml::table& root) {
  if (!check_keys(root, kTopKeys, "the workflow file")) return false;
  if (!parse_workflow_table(root.get("workflow"))) return false;

  if (const auto* params = root.get("params")) {
    if (!params->is_table())
      return error(location_of(*params),
                   "'params' must be a table, not " + std::string(type_name(*params)));
    std::string message;
    SourceLocation at;
    if (!toml_to_json(*params, Json::object(), &out_->params, &message, &at))
      return error(at, message);
  }

  const auto* stages = root.get("stages");
  if (stages == nullptr)
    return error({}, "no [stages.<id>] tables: a workflow needs at least one stage");
  if (!stages->is_table())
    return error(location_of(*stages), "'stages' must be a table of [stages.<id>] tables");
  for (const auto& [id, node] : *stages->as_table())
    if (!parse_stage(id, node)) return false;
  if (out_->stages.empty()) return error(location_of(*stages), "no stages defined under [stages]");

  // TOML tables are unordered; declaration order is the order in the file.
  std::sort(out_->stages.begin(), out_->stages.end(), [](const StageSpec& a, const StageSpec& b) {
    return std::tie(a.at.line, a.at.column) < std::tie(b.at.line, b.at.column);
  });
  for (size_t i = 0; i < out_->stages.size(); ++i) {
    out_->stages[i].index = i;
    out_->index[out_->stages[i].id] = i;
  }
  return check_dependencies();
}

bool Parser::parse_workflow_table(const toml::node* node) {
  if (node == nullptr) return error({}, "missing [workflow] table (it needs at least `name`)");
  const auto* table = node->as_table();
  if (table == nullptr)
    return error(location_of(*node),
                 "'workflow' must be a table, not " + std::string(type_name(*node)));
  if (!check_keys(*table, kWorkflowKeys, "[workflow]")) return false;

  auto text_field = [&](const char* key, std::string* field, bool required) {
    const auto* value = table->get(key);
    if (value == nullptr)
      return required ? error(location_of(*node), std::string("[workflow] needs `") + key + "`")
                      : true;
    if (!value->is_string())
      return error(location_of(*value),
                   std::string("workflow.") + key + " must be a string, not " + type_name(*value));
    *field = value->as_string()->get();
    return true;
  };
  if (!text_field("name", &out_->name, true) || !text_field("title", &out_->title, false) ||
      !text_field("direction", &out_->direction, false))
    return false;
  if (!is_stage_id(out_->name))
    return error(location_of(*table->get("name")),
                 "workflow.name '" + out_->name + "' must be a plain name ([A-Za-z0-9_-])");
  if (const auto* path = table->get("plugin_path")) return parse_plugin_path(*path);
  return true;
}

bool Parser::parse_plugin_path(const toml::node& node) {
  auto base = std::filesystem::absolute(source_.path()).parent_path();
  auto add = [&](const toml::node& entry) {
    if (!entry.is_string())
      return error(location_of(entry), "workflow.plugin_path entries must be strings, not " +
                                           std::string(type_name(entry)));
    std::filesystem::path dir = entry.as_string()->get();
    out_->plugin_path.push_back(dir.is_absolute() ? dir : (base / dir).lexically_normal());
    return true;
  };
  if (node.is_string()) return add(node);
  if (!node.is_array())
    return error(location_of(node), "workflow.plugin_path must be a string or an array of strings");
  for (const auto& entry : *node.as_array())
    if (!add(entry)) return false;
  return true;
}

bool Parser::parse_stage(const toml::key& id_key, const toml::node& node) {
  StageSpec stage;
  stage.id = std::string(id_key.str());
  stage.at = location_of(node);
  if (!stage.at.known()) stage.at = location_of(id_key);
  if (!is_stage_id(stage.id))
    return error(
        location_of(id_key),
        "stage id '" + stage.id + "' must be a plain name ([A-Za-z0-9_-], not starting with '-')");
  const auto* table = node.as_table();
  if (table == nullptr)
    return error(stage.at, "stages." + stage.id + " must be a table, not " + type_name(node));
  if (!check_keys(*table, kStageKeys, "[stages." + stage.id + "]")) return false;

  const auto* plugin = table->get("plugin");
  if (plugin == nullptr) return error(stage.at, "stage '" + stage.id + "' has no `plugin`");
  if (!plugin->is_string())
    return error(location_of(*plugin),
                 "stages." + stage.id + ".plugin must be a string, not " + type_name(*plugin));
  stage.plugin = plugin->as_string()->get();
  stage.plugin_at = location_of(*plugin);

  if (const auto* description = table->get("description")) {
    if (!description->is_string())
      return error(location_of(*description),
                   "stages." + stage.id + ".description must be a string");
    stage.description = description->as_string()->get();
  }
  if (const auto* needs = table->get("needs"))
    if (!parse_needs(*needs, &stage)) return false;

  if (const auto* config = table->get("config")) {
    if (!config->is_table())
      return error(location_of(*config),
                   "stages." + stage.id + ".config must be a table, not " + type_name(*config));
    std::string message;
    SourceLocation at;
    if (!toml_to_json(*config, out_->params, &stage.config, &message, &at))
      return error(at, message);
    for (const auto& [key, value] : *config->as_table()) {
      auto at_key = location_of(key);
      stage.config_key_at[std::string(key.str())] = at_key.known() ? at_key : location_of(value);
    }
  }
  out_->stages.push_back(std::move(stage));
  return true;
}

bool Parser::parse_needs(const toml::node& node, StageSpec* stage) {
  const auto* array = node.as_array();
  if (array == nullptr)
    return error(
        location_of(node),
        "stages." + stage->id + ".needs must be an array of stage ids, not " + type_name(node));
  for (const auto& entry : *array) {
    if (!entry.is_string())
      return error(
          location_of(entry),
          "stages." + stage->id + ".needs entries must be strings, not " + type_name(entry));
    std::string dep = entry.as_string()->get();
    if (std::find(stage->needs.begin(), stage->needs.end(), dep) != stage->needs.end())
      return error(location_of(entry),
                   "stage '" + stage->id + "' lists '" + dep + "' twice in needs");
    stage->needs.push_back(dep);
    stage->needs_at.push_back(location_of(entry));
  }
  return true;
}

bool Parser::check_dependencies() {
  std::vector<std::string> ids;
  for (const auto& stage : out_->stages) ids.push_back(stage.id);
  for (const auto& stage : out_->stages)
    for (size_t i = 0; i < stage.needs.size(); ++i)
      if (out_->find(stage.needs[i]) == nullptr)
        return error(stage.needs_at[i], "stage '" + stage.id + "' needs unknown stage '" +
                                            stage.needs[i] + "'" +
                                            suggestion_suffix(stage.needs[i], ids));
  return true;
}

// Sets target[key] to the override's value, parsed as a TOML value; a bare word is a string.
void assign_override(toml::table& target, std::string_view key, const std::string& text) {
  try {
    auto parsed = toml::parse("v = " + text);
    if (auto* node = parsed.get("v")) {
      node->visit([&](auto& value) { target.insert_or_assign(key, std::move(value)); });
      return;
    }
  } catch (const toml::parse_error&) {
  }
  target.insert_or_assign(key, text);
}

toml::table* child_table(toml::table& parent, std::string_view key) {
  if (!parent.contains(key)) parent.insert(key, toml::table{});
  return parent.get(key)->as_table();
}

Status apply_override(toml::table& root, const Override& o) {
  toml::table* target = nullptr;
  if (o.target == "params") {
    target = child_table(root, "params");
  } else {
    auto* stages = root.get("stages") ? root.get("stages")->as_table() : nullptr;
    auto* stage = stages && stages->get(o.target) ? stages->get(o.target)->as_table() : nullptr;
    if (stage == nullptr) {
      std::vector<std::string> ids{"params"};
      if (stages)
        for (auto& [key, _] : *stages) ids.emplace_back(key.str());
      return Status::bad_workflow("--set " + o.text + ": no stage '" + o.target + "'" +
                                  suggestion_suffix(o.target, ids));
    }
    target = child_table(*stage, "config");
  }
  std::string_view rest = o.key;
  for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
    if (target == nullptr) break;
    target = child_table(*target, rest.substr(0, dot));
    rest.remove_prefix(dot + 1);
  }
  if (target == nullptr)
    return Status::bad_workflow("--set " + o.text + ": '" + o.key + "' crosses a non-table value");
  assign_override(*target, rest, o.value);
  return {};
}

// Whether `text` splices in a param given on the command line (or a table above one).
bool uses_command_line_param(const std::string& text, const std::set<std::string>& params) {
  for (const std::string& name : referenced_params(text)) {
    for (const auto& p : params)
      if (name == p || name.rfind(p + ".", 0) == 0 || p.rfind(name + ".", 0) == 0) return true;
  }
  return false;
}

void mark_spliced_keys(const toml::table& table, const std::string& prefix,
                       const std::set<std::string>& params, StageSpec* stage) {
  for (const auto& [key, node] : table) {
    std::string path = prefix + std::string(key.str());
    if (const auto* nested = node.as_table())
      mark_spliced_keys(*nested, path + ".", params, stage);
    else if (const auto* text = node.as_string();
             text && uses_command_line_param(text->get(), params))
      stage->keys_set_on_command_line.insert(path);
  }
}

// Records, per stage, the config keys whose value came from the command line: set there directly
// (--set stage.key=...), or spliced in from a param set there (--set params.x=...). A relative
// path among them is read from the current directory rather than the workflow's.
void mark_command_line_keys(const toml::table& root, const std::vector<Override>& overrides,
                            Workflow* workflow) {
  std::set<std::string> params;
  for (const auto& o : overrides) {
    if (o.target == "params") {
      params.insert(o.key);
    } else if (size_t i = workflow->index_of(o.target); i < workflow->stages.size()) {
      workflow->stages[i].keys_set_on_command_line.insert(o.key);
    }
  }
  if (params.empty()) return;
  const auto* stages = root.get("stages") ? root.get("stages")->as_table() : nullptr;
  for (auto& stage : workflow->stages) {
    const auto* table = stages ? stages->get(stage.id) : nullptr;
    const auto* config = table && table->as_table() ? table->as_table()->get("config") : nullptr;
    if (config && config->as_table()) mark_spliced_keys(*config->as_table(), "", params, &stage);
  }
}

}  // namespace

const StageSpec* Workflow::find(std::string_view id) const {
  size_t i = index_of(id);
  return i < stages.size() ? &stages[i] : nullptr;
}

size_t Workflow::index_of(std::string_view id) const {
  auto it = index.find(id);
  return it == index.end() ? stages.size() : it->second;
}

StatusOr<Override> parse_override(std::string_view text) {
  auto eq = text.find('=');
  auto dot = text.find('.');
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot > eq || dot == 0 ||
      dot + 1 == eq)
    return Status::bad_workflow("--set " + std::string(text) +
                                ": expected STAGE.KEY=VALUE or params.KEY=VALUE");
  Override o;
  o.target = std::string(text.substr(0, dot));
  o.key = std::string(text.substr(dot + 1, eq - dot - 1));
  o.value = std::string(text.substr(eq + 1));
  o.text = std::string(text);
  return o;
}

StatusOr<Workflow> load_workflow(const std::filesystem::path& file,
                                 const std::vector<Override>& overrides) {
  auto text = read_file(file);
  if (!text) return Status::bad_workflow(file.string() + ": error: cannot read workflow file");
  Workflow workflow;
  workflow.source = SourceFile(file.string(), *text);

  toml::table root;
  try {
    root = toml::parse(*text, file.string());
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    std::string message(e.description());
    // TOML reports a repeated [stages.x] as a redefined table; say what it means here.
    constexpr std::string_view kRedefined = "cannot redefine existing table 'stages.";
    if (auto at = message.find(kRedefined); at != std::string::npos) {
      auto id = message.substr(at + kRedefined.size());
      id = id.substr(0, id.find('\''));
      message = "duplicate stage id '" + id + "': [stages." + id + "] is defined twice";
    }
    return Status::bad_workflow(workflow.source.diagnose(
        {static_cast<int>(begin.line), static_cast<int>(begin.column)}, message));
  }
  for (const auto& o : overrides) {
    auto status = apply_override(root, o);
    if (!status.ok()) return status;
  }
  Parser parser(workflow.source, &workflow);
  if (!parser.parse(root)) return Status::bad_workflow(parser.error_text());
  std::error_code ec;
  workflow.dir = std::filesystem::absolute(file, ec).parent_path().lexically_normal();
  workflow.invocation_dir = std::filesystem::current_path(ec);
  mark_command_line_keys(root, overrides, &workflow);
  return workflow;
}

}  // namespace quire
