#include "cache/cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include "util/digest.hpp"

namespace quire {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLayout = "quire-cache 1\n";
const char* kind_name(OutputKind kind) { return kind == OutputKind::kJson ? "json" : "blob"; }

}  // namespace

Json outputs_to_json(const std::vector<OutputRecord>& outputs) {
  Json list = Json::array();
  for (const auto& o : outputs)
    list.push_back(
        {{"name", o.name}, {"kind", kind_name(o.kind)}, {"digest", o.digest}, {"size", o.size}});
  return list;
}

std::optional<std::vector<OutputRecord>> outputs_from_json(const Json& json) {
  if (!json.is_array()) return std::nullopt;
  std::vector<OutputRecord> outputs;
  for (const auto& o : json) {
    if (!o.is_object() || !o.contains("name") || !o.contains("digest") || !o.contains("size") ||
        !o.contains("kind") || !o["name"].is_string() || !o["digest"].is_string() ||
        !o["size"].is_number_unsigned())
      return std::nullopt;
    OutputRecord r;
    r.name = o["name"].get<std::string>();
    r.kind = o["kind"] == "json" ? OutputKind::kJson : OutputKind::kBlob;
    r.digest = o["digest"].get<std::string>();
    r.size = o["size"].get<uint64_t>();
    if (!is_safe_name(r.name) || digest_hex(r.digest).empty()) return std::nullopt;
    outputs.push_back(std::move(r));
  }
  return outputs;
}

Json ActionEntry::to_json() const {
  return {{"key", key},
          {"stage", stage},
          {"plugin", plugin},
          {"plugin_version", plugin_version},
          {"outputs", outputs_to_json(outputs)}};
}

std::optional<ActionEntry> ActionEntry::from_json(const Json& json) {
  if (!json.is_object()) return std::nullopt;
  ActionEntry entry;
  try {
    entry.key = json.at("key").get<std::string>();
    entry.stage = json.at("stage").get<std::string>();
    entry.plugin = json.at("plugin").get<std::string>();
    entry.plugin_version = json.at("plugin_version").get<std::string>();
  } catch (const Json::exception&) {
    return std::nullopt;
  }
  auto outputs = outputs_from_json(json.value("outputs", Json()));
  if (!outputs) return std::nullopt;
  entry.outputs = std::move(*outputs);
  return entry;
}

StatusOr<Cache> Cache::open(const fs::path& root) {
  std::error_code ec;
  for (const char* area : {"objects", "actions", "memo", "http", "incomplete", "locks", "tmp",
                           "quarantine", "file-digests"}) {
    fs::create_directories(root / area, ec);
    if (ec)
      return Status::failed("cannot create cache directory " + (root / area).string() + ": " +
                            ec.message());
  }
  auto layout = read_file(root / "layout");
  if (!layout) {
    auto error = write_file_atomic(root / "layout", kLayout, root / "tmp");
    if (!error.empty()) return Status::failed(error);
    // Tells backup tools this is a cache (https://bford.info/cachedir/).
    (void)write_file_atomic(root / "CACHEDIR.TAG",
                            "Signature: 8a477f597d28d172789f06886806bc55\n# quire cache\n",
                            root / "tmp");
  } else if (*layout != kLayout) {
    return Status::failed("cache " + root.string() + " has an unknown layout (" + *layout +
                          "); use another --cache directory");
  }
  return Cache(fs::absolute(root));
}

fs::path Cache::sharded(const char* area, std::string_view hex, const char* suffix) const {
  return root_ / area / std::string(hex.substr(0, 2)) / (std::string(hex) + suffix);
}

fs::path Cache::object_path(const std::string& digest) const {
  return sharded("objects", digest_hex(digest), "");
}

fs::path Cache::action_path(const std::string& key) const {
  return sharded("actions", key, ".json");
}

fs::path Cache::http_record_path(const std::string& key) const {
  return sharded("http", key, ".json");
}

StatusOr<std::string> Cache::put_object(std::string_view bytes) const {
  std::string digest = digest_of(bytes);
  auto path = object_path(digest);
  std::error_code ec;
  if (fs::exists(path, ec)) return digest;
  auto error = write_file_atomic(path, bytes, tmp_dir());
  if (!error.empty()) return Status::failed("cache: " + error);
  return digest;
}

bool Cache::has_object(const std::string& digest) const {
  if (digest_hex(digest).empty()) return false;
  std::error_code ec;
  return fs::exists(object_path(digest), ec);
}

void Cache::quarantine(const fs::path& file) const {
  std::error_code ec;
  fs::rename(file, root_ / "quarantine" / (file.filename().string() + "." + unique_temp_name()),
             ec);
}

Cache::Read Cache::get_object(const std::string& digest, std::string* bytes) const {
  if (digest_hex(digest).empty()) return Read::kMissing;
  auto path = object_path(digest);
  auto data = read_file(path);
  if (!data) return Read::kMissing;
  if (digest_of(*data) != digest) {
    quarantine(path);
    return Read::kCorrupt;
  }
  *bytes = std::move(*data);
  return Read::kOk;
}

std::optional<ActionEntry> Cache::get_action(const std::string& key) const {
  auto path = action_path(key);
  auto text = read_file(path);
  if (!text) return std::nullopt;
  Json json;
  std::string error;
  std::optional<ActionEntry> entry;
  if (parse_json(*text, &json, &error)) entry = ActionEntry::from_json(json);
  if (!entry || entry->key != key) {
    quarantine(path);
    return std::nullopt;
  }
  return entry;
}

Status Cache::put_action(const ActionEntry& entry) const {
  auto error = write_file_atomic(action_path(entry.key), canonical(entry.to_json()), tmp_dir());
  return error.empty() ? Status() : Status::failed("cache: " + error);
}

bool Cache::memo_get(const std::string& ns, std::string_view item_key, std::string* value) const {
  auto path = sharded("memo", sha256_hex(ns + '\0' + std::string(item_key)), "");
  auto digest = read_file(path);
  if (!digest) return false;
  auto read = get_object(*digest, value);
  if (read == Read::kCorrupt || digest_hex(*digest).empty()) quarantine(path);
  return read == Read::kOk;
}

Status Cache::memo_put(const std::string& ns, std::string_view item_key,
                       std::string_view value) const {
  auto digest = put_object(value);
  if (!digest.ok()) return digest.status();
  auto path = sharded("memo", sha256_hex(ns + '\0' + std::string(item_key)), "");
  auto error = write_file_atomic(path, *digest, tmp_dir());
  return error.empty() ? Status() : Status::failed("cache: " + error);
}

void Cache::mark_incomplete(const std::string& key, const Json& info) const {
  (void)write_file_atomic(root_ / "incomplete" / (key + ".json"), canonical(info), tmp_dir());
}

std::optional<Json> Cache::incomplete(const std::string& key) const {
  auto text = read_file(root_ / "incomplete" / (key + ".json"));
  Json json;
  std::string error;
  if (!text || !parse_json(*text, &json, &error)) return std::nullopt;
  return json;
}

void Cache::clear_incomplete(const std::string& key) const {
  std::error_code ec;
  fs::remove(root_ / "incomplete" / (key + ".json"), ec);
}

FileLock Cache::lock_key(const std::string& key) const {
  FileLock lock;
  (void)lock.lock(root_ / "locks" / key, FileLock::Mode::kExclusive);
  return lock;
}

bool Cache::try_lock_cache(FileLock* lock, FileLock::Mode mode) const {
  return lock->try_lock(root_ / "lock", mode);
}

std::string Cache::file_digest(const fs::path& file) const {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) return digest_of_file(file).value_or("sha256:unreadable");
  std::string identity = std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) +
                         "." + std::to_string(st.st_mtim.tv_nsec) + " " +
                         std::to_string(st.st_ctim.tv_sec) + "." +
                         std::to_string(st.st_ctim.tv_nsec) + " " + std::to_string(st.st_ino) + " ";
  auto memo = root_ / "file-digests" / sha256_hex(fs::absolute(file).string()).substr(0, 32);
  auto known = read_file(memo);
  if (known && known->size() == identity.size() + 71 &&
      known->compare(0, identity.size(), identity) == 0)
    return known->substr(identity.size());
  auto digest = digest_of_file(file);
  if (!digest) return "sha256:unreadable";
  (void)write_file_atomic(memo, identity + *digest, tmp_dir());
  return *digest;
}

void Cache::sweep_temp() const {
  std::error_code ec;
  for (fs::directory_iterator it(tmp_dir(), ec), end; !ec && it != end; it.increment(ec))
    if (temp_owner_is_dead(it->path().filename().string())) fs::remove(it->path(), ec);
}

}  // namespace quire
