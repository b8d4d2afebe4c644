// `quire cache stats|verify|gc`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cache/cache.hpp"

namespace quire {

struct CacheStats {
  uint64_t objects = 0, object_bytes = 0;
  uint64_t actions = 0, memos = 0, http_records = 0;
  uint64_t incomplete = 0, temp_files = 0, quarantined = 0;
};
CacheStats cache_stats(const Cache& cache);

// Read-only check: every object re-hashed, every action entry, memo entry and HTTP record parsed
// and its objects present. Errors mean corruption; warnings mean debris from interrupted runs.
struct VerifyReport {
  uint64_t objects = 0, actions = 0, memos = 0, http_records = 0;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};
VerifyReport verify_cache(const Cache& cache);

struct GcOptions {
  // Also drop action entries and HTTP records older than this.
  std::optional<double> older_than_days;
};
struct GcReport {
  uint64_t objects_removed = 0, bytes_freed = 0, actions_removed = 0, debris_removed = 0;
  uint64_t http_records_removed = 0;
};
// Needs the cache lock exclusively: fails while any run uses the cache.
StatusOr<GcReport> collect_garbage(const Cache& cache, const GcOptions& options);

}  // namespace quire
