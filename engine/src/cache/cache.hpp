// The on-disk cache: a content-addressed object store (CAS) plus an action cache mapping stage
// keys to the outputs they produced, per-item memo entries, incomplete markers and key locks.
//
//   <root>/objects/ab/<hex>      bytes whose sha256 is <hex>
//   <root>/actions/ab/<key>.json ActionEntry (canonical JSON)
//   <root>/memo/ab/<hex>         "sha256:<value digest>" for one (namespace, item key)
//   <root>/http/ab/<key>.json    a recorded HTTP response (net/response_record.hpp)
//   <root>/incomplete/<key>.json written before a stage starts, removed after its entry lands
//   <root>/locks/<key>           flock per key, so two runs never compute one key at once
//   <root>/tmp/                  temp files, renamed into place when complete
//   <root>/quarantine/           corrupt files moved aside, never used again
//
// Every write is temp + rename (see write_file_atomic); every object read is re-hashed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <quire/context.hpp>
#include <string>
#include <vector>

#include "util/files.hpp"
#include "util/json.hpp"
#include "util/status.hpp"

namespace quire {

struct OutputRecord {
  std::string name;
  OutputKind kind = OutputKind::kJson;
  std::string digest;
  uint64_t size = 0;
};

struct ActionEntry {
  std::string key;
  std::string stage;  // informational: the stage that first produced it
  std::string plugin;
  std::string plugin_version;
  std::vector<OutputRecord> outputs;  // sorted by name

  Json to_json() const;
  static std::optional<ActionEntry> from_json(const Json& json);
};

Json outputs_to_json(const std::vector<OutputRecord>& outputs);
std::optional<std::vector<OutputRecord>> outputs_from_json(const Json& json);

class Cache {
 public:
  // Opens (creating if needed) the cache at `root`.
  static StatusOr<Cache> open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path tmp_dir() const { return root_ / "tmp"; }

  // Stores bytes; returns their digest. Storing existing content is a no-op.
  StatusOr<std::string> put_object(std::string_view bytes) const;
  enum class Read { kOk, kMissing, kCorrupt };
  // Reads and re-hashes an object. A corrupt object is moved to quarantine/.
  Read get_object(const std::string& digest, std::string* bytes) const;
  bool has_object(const std::string& digest) const;
  std::filesystem::path object_path(const std::string& digest) const;

  // nullopt when absent; an unreadable entry is quarantined and reported as absent.
  std::optional<ActionEntry> get_action(const std::string& key) const;
  Status put_action(const ActionEntry& entry) const;
  std::filesystem::path action_path(const std::string& key) const;

  // Where the recorded HTTP response for a request key lives; its body is an object. The
  // format belongs to net/response_record.hpp.
  std::filesystem::path http_record_path(const std::string& key) const;

  // Per-item memo in a namespace (the plugin identity). get returns false when absent or when
  // the value's object is missing or corrupt.
  bool memo_get(const std::string& ns, std::string_view item_key, std::string* value) const;
  Status memo_put(const std::string& ns, std::string_view item_key, std::string_view value) const;

  // Journal before act: the marker records who started which stage, so an interrupted run is
  // recognised and the work redone.
  void mark_incomplete(const std::string& key, const Json& info) const;
  std::optional<Json> incomplete(const std::string& key) const;
  void clear_incomplete(const std::string& key) const;

  // Exclusive per-key lock, held while a stage computes that key.
  FileLock lock_key(const std::string& key) const;
  // Runs hold the cache lock shared; `cache gc` holds it exclusive.
  bool try_lock_cache(FileLock* lock, FileLock::Mode mode) const;

  // sha256 of a file outside the cache (a plugin binary), remembered under its path, size,
  // mtime, ctime and inode, so an unchanged file is not re-read on every run.
  std::string file_digest(const std::filesystem::path& file) const;

  // Flushes everything written so far to disk; called once at the end of a run.
  void sync() const { sync_filesystem(root_); }
  // Removes temp files left by dead processes on this host.
  void sweep_temp() const;
  // Moves a file aside into quarantine/ (never deleted silently, never used again).
  void quarantine(const std::filesystem::path& file) const;

 private:
  explicit Cache(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path sharded(const char* area, std::string_view hex, const char* suffix) const;

  std::filesystem::path root_;
};

}  // namespace quire
