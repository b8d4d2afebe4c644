#include "run/engine_context.hpp"

#include <cctype>

#include "util/digest.hpp"
#include "util/files.hpp"
#include "workflow/check.hpp"

namespace quire {

EngineContext::EngineContext(ContextSetup setup, const Cache& cache,
                             const std::atomic<bool>& cancelled, RunObserver& observer,
                             std::mutex& observer_mutex)
    : setup_(std::move(setup)),
      config_text_(canonical(setup_.config)),
      cache_(cache),
      cancelled_(cancelled),
      observer_(observer),
      observer_mutex_(observer_mutex) {}

const Json* EngineContext::find_config(std::string_view key) const {
  const Json* at = &setup_.config;
  while (!key.empty()) {
    auto dot = key.find('.');
    std::string part(key.substr(0, dot));
    if (!at->is_object()) return nullptr;
    auto it = at->find(part);
    if (it == at->end()) return nullptr;
    at = &*it;
    key = dot == std::string_view::npos ? std::string_view() : key.substr(dot + 1);
  }
  return at;
}

namespace {

// "file:///x", "https://h/x": a URL (RFC 3986 scheme, two letters or more so that no drive
// letter counts), passed through as written.
bool has_url_scheme(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;
  if (!std::isalpha(static_cast<unsigned char>(text.front()))) return false;
  for (char c : text.substr(0, colon))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
      return false;
  return true;
}

}  // namespace

std::string EngineContext::resolve_path(std::string_view key, const std::string& written) const {
  std::filesystem::path path = written;
  if (written.empty() || path.is_absolute() || has_url_scheme(written)) return written;
  // The key itself or a table above it ("--set stage.a={b=...}") came from the command line.
  bool from_command_line = false;
  for (std::string_view prefix = key; !from_command_line;) {
    from_command_line = setup_.keys_set_on_command_line.count(prefix) > 0;
    auto dot = prefix.rfind('.');
    if (dot == std::string_view::npos) break;
    prefix = prefix.substr(0, dot);
  }
  const auto& base = from_command_line ? setup_.invocation_dir : setup_.workflow_dir;
  return (base / path).lexically_normal().string();
}

bool EngineContext::config_has(std::string_view key) const noexcept {
  return find_config(key) != nullptr;
}

bool EngineContext::config_get(std::string_view key, quire_config_type type, ConfigValue* out,
                               std::string* error) const noexcept {
  try {
    const Json* value = find_config(key);
    std::string where = "stage '" + setup_.stage_id + "': config key '" + std::string(key) + "'";
    if (value == nullptr) {
      *error = where + " is not set";
      return false;
    }
    if (!config_value_matches(*value, type)) {
      *error = where + " must be " + config_type_name(type) + ", got " + canonical(*value);
      return false;
    }
    switch (type) {
      case QUIRE_CONFIG_STRING:
        out->text = value->get<std::string>();
        break;
      case QUIRE_CONFIG_PATH:
        out->text = resolve_path(key, value->get<std::string>());
        break;
      case QUIRE_CONFIG_INT:
        out->integer = value->get<int64_t>();
        break;
      case QUIRE_CONFIG_FLOAT:
        out->number = value->get<double>();
        break;
      case QUIRE_CONFIG_BOOL:
        out->boolean = value->get<bool>();
        break;
      case QUIRE_CONFIG_STRING_LIST:
        out->strings = value->get<std::vector<std::string>>();
        break;
      default:
        out->text = canonical(*value);
        break;  // lists and tables as JSON text
    }
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

std::vector<InputRef> EngineContext::inputs() const noexcept {
  std::vector<InputRef> refs;
  try {
    for (const auto& dep : setup_.inputs)
      for (const auto& o : dep.outputs) refs.push_back({dep.stage, o.name, o.kind, o.digest});
  } catch (...) {
  }
  return refs;
}

bool EngineContext::read_input(std::string_view stage, std::string_view name, std::string* bytes,
                               std::string* error) const noexcept {
  try {
    for (const auto& dep : setup_.inputs) {
      if (dep.stage != stage) continue;
      for (const auto& o : dep.outputs) {
        if (o.name != name) continue;
        auto read = cache_.get_object(o.digest, bytes);
        if (read == Cache::Read::kOk) return true;
        // Collected or corrupt in the cache: the copy in the run directory will do if its digest
        // still matches, and it repairs the cache.
        if (!setup_.run_dir.empty())
          if (auto copy = read_file(setup_.run_dir / dep.stage / o.name);
              copy && digest_of(*copy) == o.digest) {
            (void)cache_.put_object(*copy);
            *bytes = std::move(*copy);
            return true;
          }
        *error = "input " + std::string(stage) + "/" + std::string(name) + " (" + o.digest +
                 ") is " +
                 (read == Cache::Read::kCorrupt ? "corrupt in the cache (quarantined)"
                                                : "missing from the cache") +
                 "; rerun with --force " + std::string(stage);
        return false;
      }
      *error = "stage '" + std::string(stage) + "' has no output '" + std::string(name) + "'";
      return false;
    }
    *error = "stage '" + setup_.stage_id + "' does not need '" + std::string(stage) +
             "' (add it to needs to read its outputs)";
    return false;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

bool EngineContext::write_output(std::string_view name, OutputKind kind, std::string_view bytes,
                                 std::string* error) noexcept {
  try {
    if (!is_safe_name(name)) {
      *error = "output name '" + std::string(name) + "' is not a plain file name ([A-Za-z0-9._-])";
      return false;
    }
    std::string stored(bytes);
    if (kind == OutputKind::kJson) {
      Json json;
      std::string parse_error;
      if (!parse_json(bytes, &json, &parse_error)) {
        *error = "output '" + std::string(name) + "' is not valid JSON: " + parse_error;
        return false;
      }
      stored = canonical(json) + "\n";
    }
    auto digest = cache_.put_object(stored);
    if (!digest.ok()) {
      *error = digest.status().message();
      return false;
    }
    std::lock_guard<std::mutex> lock(outputs_mutex_);
    outputs_[std::string(name)] = {std::string(name), kind, *digest, stored.size()};
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

bool EngineContext::memo_get(std::string_view key, std::string* value) const noexcept {
  try {
    return cache_.memo_get(setup_.memo_namespace, key, value);
  } catch (...) {
    return false;
  }
}

bool EngineContext::memo_put(std::string_view key, std::string_view value,
                             std::string* error) noexcept {
  try {
    auto status = cache_.memo_put(setup_.memo_namespace, key, value);
    if (!status.ok()) *error = status.message();
    return status.ok();
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

void EngineContext::log(LogLevel level, std::string_view message) noexcept {
  try {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    observer_.stage_log(setup_.stage_id, level, message);
  } catch (...) {
  }
}

void EngineContext::progress(uint64_t done, uint64_t total) noexcept {
  try {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    observer_.stage_progress(setup_.stage_id, done, total);
  } catch (...) {
  }
}

bool EngineContext::http_get(const HttpRequest& request, HttpResponse* response) noexcept {
  if (setup_.http == nullptr) {
    response->error = "no HTTP client in this context";
    return false;
  }
  return setup_.http->get(request, setup_.may_use_network, response, &cancelled_);
}

std::vector<OutputRecord> EngineContext::outputs() const {
  std::lock_guard<std::mutex> lock(outputs_mutex_);
  std::vector<OutputRecord> list;
  for (const auto& [_, o] : outputs_) list.push_back(o);
  return list;
}

}  // namespace quire
