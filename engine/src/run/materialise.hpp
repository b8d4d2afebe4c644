// Copies a stage's outputs from the cache into the run directory (<run>/<stage>/<name>).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cache/cache.hpp"
#include "plan/run_state.hpp"

namespace quire {

// Writes each output that is missing or differs from what `previous` recorded (size and mtime
// unchanged means untouched, as ninja trusts its log); removes outputs the stage no longer
// produces. Every object is re-hashed before it is written. Returns an error naming the output
// when an object is missing or corrupt, empty on success; `files` receives what is on disk.
std::string materialise_outputs(const Cache& cache, const std::filesystem::path& stage_dir,
                                const std::vector<OutputRecord>& outputs,
                                const StageState* previous, const std::filesystem::path& tmp_dir,
                                std::map<std::string, MaterialisedFile>* files);

// True when every output `previous` recorded is on disk with the size and mtime it had then;
// fills `files` with those records.
bool outputs_untouched(const StageState& previous, const std::filesystem::path& stage_dir,
                       std::map<std::string, MaterialisedFile>* files);

}  // namespace quire
