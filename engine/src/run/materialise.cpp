#include "run/materialise.hpp"

namespace quire {

namespace fs = std::filesystem;

namespace {

bool untouched(const StageState* previous, const OutputRecord& output, const fs::path& file,
               MaterialisedFile* now) {
  if (previous == nullptr) return false;
  auto it = previous->files.find(output.name);
  if (it == previous->files.end() || it->second.digest != output.digest) return false;
  auto stat = stat_file(file);
  if (!stat || stat->size != it->second.size || stat->mtime_ns != it->second.mtime_ns) return false;
  *now = it->second;
  return true;
}

}  // namespace

bool outputs_untouched(const StageState& previous, const fs::path& stage_dir,
                       std::map<std::string, MaterialisedFile>* files) {
  files->clear();
  for (const auto& output : previous.outputs) {
    MaterialisedFile now;
    if (!untouched(&previous, output, stage_dir / output.name, &now)) return false;
    (*files)[output.name] = now;
  }
  return true;
}

std::string materialise_outputs(const Cache& cache, const fs::path& stage_dir,
                                const std::vector<OutputRecord>& outputs,
                                const StageState* previous, const fs::path& tmp_dir,
                                std::map<std::string, MaterialisedFile>* files) {
  files->clear();
  for (const auto& output : outputs) {
    fs::path file = stage_dir / output.name;
    MaterialisedFile now;
    if (untouched(previous, output, file, &now)) {
      (*files)[output.name] = now;
      continue;
    }
    std::string bytes;
    auto read = cache.get_object(output.digest, &bytes);
    if (read != Cache::Read::kOk)
      return "cached output " + output.name + " (" + output.digest + ") is " +
             (read == Cache::Read::kCorrupt ? "corrupt (quarantined)" : "missing");
    auto error = write_file_atomic(file, bytes, tmp_dir);
    if (!error.empty()) return error;
    auto stat = stat_file(file);
    if (!stat) return "cannot stat " + file.string() + " after writing it";
    stat->digest = output.digest;
    (*files)[output.name] = *stat;
  }
  if (previous != nullptr) {
    std::error_code ec;
    for (const auto& [name, _] : previous->files)
      if (!files->count(name)) fs::remove(stage_dir / name, ec);
  }
  return {};
}

}  // namespace quire
