#include "plugin/registry.hpp"

#include <algorithm>
#include <boost/dll/library_info.hpp>
#include <cstdlib>
#include <set>

#include "plugin/descriptor_check.hpp"

namespace quire {

namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

std::vector<fs::path> PluginRegistry::search_path(const std::vector<fs::path>& workflow_dirs) {
  std::vector<fs::path> dirs = workflow_dirs;
  if (const char* env = std::getenv("QUIRE_PLUGIN_PATH")) {
    std::string text = env;
    size_t start = 0;
    while (start <= text.size()) {
      size_t colon = text.find(':', start);
      if (colon == std::string::npos) colon = text.size();
      if (colon > start) dirs.push_back(fs::absolute(text.substr(start, colon - start)));
      start = colon + 1;
    }
  }
  dirs.push_back((executable_dir() / ".." / "lib" / "quire" / "plugins").lexically_normal());
  return dirs;
}

PluginRegistry PluginRegistry::discover(const std::vector<fs::path>& dirs) {
  PluginRegistry registry;
  std::set<fs::path> seen;
  for (const auto& dir : dirs) {
    std::error_code ec;
    auto canonical_dir = fs::weakly_canonical(dir, ec);
    if (!seen.insert(ec ? dir : canonical_dir).second) continue;
    registry.searched_.push_back(dir);
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      auto name = it->path().filename().string();
      if (it->is_regular_file(ec) && name.size() > 3 &&
          name.compare(name.size() - 3, 3, ".so") == 0)
        files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) registry.load(file);
  }
  return registry;
}

namespace {

// Explains a missing entry symbol: another ABI's entry, or none at all.
std::string missing_entry_reason(const fs::path& file) {
  try {
    boost::dll::library_info info(file.string());
    for (const auto& symbol : info.symbols())
      if (symbol.rfind("quire_plugin_v", 0) == 0)
        return "exports " + symbol +
               " (another plugin ABI); this engine looks for " QUIRE_ENTRY_SYMBOL;
  } catch (...) {
  }
  return "not a quire plugin: no " QUIRE_ENTRY_SYMBOL " entry symbol";
}

}  // namespace

void PluginRegistry::load(const fs::path& file) {
  auto library = std::make_shared<boost::dll::shared_library>();
  try {
    library->load(file.string(),
                  boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    rejected_.push_back({file, std::string("cannot load: ") + e.what()});
    return;
  }
  if (!library->has(QUIRE_ENTRY_SYMBOL)) {
    rejected_.push_back({file, missing_entry_reason(file)});
    return;
  }
  auto entry = library->get<const quire_plugin_descriptor*()>(QUIRE_ENTRY_SYMBOL);
  const quire_plugin_descriptor* descriptor = entry();
  PluginInfo info;
  info.path = file;
  if (auto reason = check_descriptor(descriptor, &info); !reason.empty()) {
    rejected_.push_back({file, reason});
    return;
  }
  if (const auto* earlier = find(info.name)) {
    rejected_.push_back({file, "duplicate plugin name '" + info.name + "': already provided by " +
                                   earlier->info().path.string()});
    return;
  }
  plugins_.push_back(std::make_shared<LoadedPlugin>(std::move(info), library, descriptor));
}

const LoadedPlugin* PluginRegistry::find(const std::string& name) const {
  for (const auto& plugin : plugins_)
    if (plugin->info().name == name) return plugin.get();
  return nullptr;
}

std::vector<std::string> PluginRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& plugin : plugins_) out.push_back(plugin->info().name);
  return out;
}

}  // namespace quire
