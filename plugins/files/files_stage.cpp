// files: every regular file of one local directory (not recursive), each as a blob output named
// after the file, in name order. The engine reruns it on every run (QUIRE_STAGE_LOCAL_FILES), so
// an edited file reaches the stages below it on the next run, --no-fresh included; they rerun only
// when some file's bytes changed, because their keys hold the outputs' digests.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <quire/plugin.hpp>
#include <sstream>

namespace quire::files {
namespace {

namespace fs = std::filesystem;

// Output names the engine accepts: [A-Za-z0-9._-], not "." or "..".
bool plain_name(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

bool wanted(const std::string& name, const std::vector<std::string>& extensions) {
  if (extensions.empty()) return true;
  return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& ext) {
    return name.size() >= ext.size() &&
           name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  });
}

std::string read_whole(const fs::path& file, int64_t max_bytes) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec) throw StageError("cannot read " + file.string() + ": " + ec.message());
  if (static_cast<int64_t>(size) > max_bytes)
    throw StageError(file.string() + " is " + std::to_string(size) + " bytes, over max_bytes (" +
                     std::to_string(max_bytes) + ")");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw StageError("cannot read " + file.string());
  return bytes.str();
}

class FilesStage final : public Stage {
 public:
  void run(Context& ctx) override {
    fs::path dir = ctx.get_path("dir");
    if (dir.empty()) throw StageError("config key 'dir' must name a directory");
    std::vector<std::string> extensions = ctx.get_strings("extensions");
    int64_t max_bytes = ctx.get_int("max_bytes");
    if (max_bytes < 1) throw StageError("config key 'max_bytes' must be at least 1");
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
      throw StageError("config key 'dir': " + dir.string() + " is not a directory" +
                       (ctx.get_string("dir") != dir.string()
                            ? " ('" + ctx.get_string("dir") + "' as written)"
                            : ""));
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::string name = entry.path().filename().string();
      if (!entry.is_regular_file(ec) || name.front() == '.' || !wanted(name, extensions)) continue;
      if (!plain_name(name))
        throw StageError(dir.string() + ": file name '" + name +
                         "' is not a plain output name ([A-Za-z0-9._-]); rename it");
      names.push_back(name);
    }
    if (ec) throw StageError("cannot list " + dir.string() + ": " + ec.message());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) ctx.write_blob(name, read_whole(dir / name, max_bytes));
    ctx.info(std::to_string(names.size()) + " files from " + dir.string());
  }
};

constexpr quire_config_field kFields[] = {
    {"dir", QUIRE_CONFIG_PATH, 1, nullptr,
     "the directory whose files become outputs (relative: to the workflow file; with --set, to "
     "the current directory)"},
    {"extensions", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "only files ending in one of these, e.g. [\".mustache\"]; empty: all"},
    {"max_bytes", QUIRE_CONFIG_INT, 0, "16777216", "the largest file accepted"},
};

}  // namespace
}  // namespace quire::files

QUIRE_PLUGIN(quire::files::FilesStage, "files", "0.1.0",
             "offers the files of a local directory as outputs (e.g. templates)",
             quire::files::kFields, QUIRE_STAGE_LOCAL_FILES)
