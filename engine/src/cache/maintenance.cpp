#include "cache/maintenance.hpp"

#include <chrono>
#include <functional>
#include <set>

#include "util/digest.hpp"

namespace quire {

namespace fs = std::filesystem;

namespace {

// Calls `fn` for each regular file under `dir` (one shard level deep or flat).
void for_each_file(const fs::path& dir, const std::function<void(const fs::path&)>& fn) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) fn(it->path());
}

bool key_lock_is_free(const Cache& cache, const std::string& key) {
  FileLock probe;
  return probe.try_lock(cache.root() / "locks" / key, FileLock::Mode::kExclusive);
}

std::string stem_of(const fs::path& file) { return file.stem().string(); }

// The body digest a recorded HTTP response points at (net/response_record.hpp owns the format;
// only this one field matters here). Empty when the record is unreadable.
std::string recorded_body_digest(const fs::path& record) {
  Json json;
  std::string error;
  auto text = read_file(record);
  if (!text || !parse_json(*text, &json, &error) || !json.is_object()) return {};
  auto it = json.find("body_digest");
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

CacheStats cache_stats(const Cache& cache) {
  CacheStats s;
  std::error_code ec;
  for_each_file(cache.root() / "objects", [&](const fs::path& p) {
    ++s.objects;
    s.object_bytes += fs::file_size(p, ec);
  });
  for_each_file(cache.root() / "actions", [&](const fs::path&) { ++s.actions; });
  for_each_file(cache.root() / "memo", [&](const fs::path&) { ++s.memos; });
  for_each_file(cache.root() / "http", [&](const fs::path&) { ++s.http_records; });
  for_each_file(cache.root() / "incomplete", [&](const fs::path&) { ++s.incomplete; });
  for_each_file(cache.tmp_dir(), [&](const fs::path&) { ++s.temp_files; });
  for_each_file(cache.root() / "quarantine", [&](const fs::path&) { ++s.quarantined; });
  return s;
}

VerifyReport verify_cache(const Cache& cache) {
  VerifyReport report;
  for_each_file(cache.root() / "objects", [&](const fs::path& p) {
    ++report.objects;
    std::string expected = "sha256:" + p.filename().string();
    if (digest_of_file(p) != expected) report.errors.push_back("corrupt object " + p.string());
  });
  for_each_file(cache.root() / "actions", [&](const fs::path& p) {
    ++report.actions;
    auto entry = cache.get_action(stem_of(p));
    if (!entry) {
      report.errors.push_back("unreadable action entry " + p.string() + " (moved to quarantine)");
      return;
    }
    for (const auto& out : entry->outputs)
      if (!cache.has_object(out.digest))
        report.errors.push_back("action " + entry->key.substr(0, 12) + " (stage '" + entry->stage +
                                "') references missing object " + out.digest + " for " + out.name);
  });
  for_each_file(cache.root() / "memo", [&](const fs::path& p) {
    ++report.memos;
    auto digest = read_file(p).value_or("");
    if (!cache.has_object(digest))
      report.errors.push_back("memo entry " + p.string() + " references missing object " + digest);
  });
  for_each_file(cache.root() / "http", [&](const fs::path& p) {
    ++report.http_records;
    auto digest = recorded_body_digest(p);
    if (!cache.has_object(digest))
      report.errors.push_back("HTTP record " + p.string() + " references missing object " +
                              (digest.empty() ? "(unreadable record)" : digest));
  });
  for_each_file(cache.root() / "incomplete", [&](const fs::path& p) {
    if (key_lock_is_free(cache, stem_of(p)))
      report.warnings.push_back("interrupted stage left marker " + p.filename().string() +
                                " (its key reruns next time; `quire cache gc` removes it)");
  });
  for_each_file(cache.tmp_dir(), [&](const fs::path& p) {
    if (temp_owner_is_dead(p.filename().string()))
      report.warnings.push_back("leftover temp file " + p.string());
  });
  uint64_t quarantined = 0;
  for_each_file(cache.root() / "quarantine", [&](const fs::path&) { ++quarantined; });
  if (quarantined)
    report.warnings.push_back(std::to_string(quarantined) +
                              " corrupt file(s) were found earlier and quarantined");
  return report;
}

StatusOr<GcReport> collect_garbage(const Cache& cache, const GcOptions& options) {
  FileLock lock;
  if (!cache.try_lock_cache(&lock, FileLock::Mode::kExclusive))
    return Status::failed("cache " + cache.root().string() +
                          " is in use by a running quire; gc later");
  GcReport report;
  std::error_code ec;
  auto remove = [&](const fs::path& p, uint64_t* counter) {
    if (fs::remove(p, ec)) ++*counter;
  };
  for_each_file(cache.tmp_dir(), [&](const fs::path& p) { remove(p, &report.debris_removed); });
  for_each_file(cache.root() / "incomplete",
                [&](const fs::path& p) { remove(p, &report.debris_removed); });
  for_each_file(cache.root() / "quarantine",
                [&](const fs::path& p) { remove(p, &report.debris_removed); });
  for_each_file(cache.root() / "locks", [&](const fs::path& p) { fs::remove(p, ec); });

  auto cutoff = fs::file_time_type::clock::now();
  if (options.older_than_days)
    cutoff -= std::chrono::duration_cast<fs::file_time_type::duration>(
        std::chrono::duration<double>(*options.older_than_days * 86400.0));
  std::set<std::string> live;
  for_each_file(cache.root() / "actions", [&](const fs::path& p) {
    auto entry = cache.get_action(stem_of(p));
    if (!entry || (options.older_than_days && fs::last_write_time(p, ec) < cutoff)) {
      remove(p, &report.actions_removed);
      return;
    }
    for (const auto& out : entry->outputs) live.insert(std::string(digest_hex(out.digest)));
  });
  for_each_file(cache.root() / "memo", [&](const fs::path& p) {
    live.insert(std::string(digest_hex(read_file(p).value_or(""))));
  });
  // Recorded responses are what --no-fresh replays: their bodies stay while the record does.
  for_each_file(cache.root() / "http", [&](const fs::path& p) {
    auto digest = recorded_body_digest(p);
    if (digest.empty() || (options.older_than_days && fs::last_write_time(p, ec) < cutoff)) {
      remove(p, &report.http_records_removed);
      return;
    }
    live.insert(std::string(digest_hex(digest)));
  });
  for_each_file(cache.root() / "objects", [&](const fs::path& p) {
    if (live.count(p.filename().string())) return;
    uint64_t size = fs::file_size(p, ec);
    if (fs::remove(p, ec)) {
      ++report.objects_removed;
      report.bytes_freed += size;
    }
  });
  return report;
}

}  // namespace quire
