// What `quire proof` reads from a run directory's production_run.json: the stages with their
// outputs (to find the evidence matrix and the run's own copies of the PDFs) and where the run's
// cache was.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.hpp"

namespace quire {

struct RunOutput {
  std::string name;
  std::string digest;  // "sha256:<hex>" as recorded; may be empty
};

struct RunStage {
  std::string id;
  std::vector<RunOutput> outputs;
};

struct RunLayout {
  std::filesystem::path dir;     // the run directory, absolute
  std::vector<RunStage> stages;  // in the record's order
  std::string cache;             // run.cache: the run's cache directory; empty when not recorded
  std::string workflow_file;     // workflow.file, as recorded

  // The id of the last stage with an output called `name`; nullopt when no stage has one.
  std::optional<std::string> last_stage_with(std::string_view name) const;
  // The run directory's copy of output `name`: of the stage whose output of that name has
  // `digest` when there is one, else of the last stage with such an output; nullopt when none.
  std::optional<std::filesystem::path> output_copy(std::string_view name,
                                                   std::string_view digest) const;
  // The cache to read: run.cache, else .quire/ beside the recorded workflow file.
  std::filesystem::path recorded_cache() const;
};

// Reads RUN_DIR/production_run.json. Exit code 2 when the directory or the record is missing or
// malformed; the message names the file.
StatusOr<RunLayout> read_run_layout(const std::filesystem::path& run_dir);

}  // namespace quire
