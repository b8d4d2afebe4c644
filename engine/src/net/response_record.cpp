#include "net/response_record.hpp"

#include <algorithm>
#include <cctype>

#include "util/digest.hpp"
#include "util/files.hpp"

namespace quire {

Json ResponseRecord::to_json() const {
  return {{"key", key},
          {"url", url},
          {"final_url", final_url},
          {"status", status},
          {"content_type", content_type},
          {"body_digest", body_digest},
          {"size", size},
          {"recorded_at", recorded_at}};
}

std::optional<ResponseRecord> ResponseRecord::from_json(const Json& json) {
  if (!json.is_object()) return std::nullopt;
  ResponseRecord record;
  try {
    record.key = json.at("key").get<std::string>();
    record.url = json.at("url").get<std::string>();
    record.final_url = json.at("final_url").get<std::string>();
    record.status = json.at("status").get<int>();
    record.content_type = json.at("content_type").get<std::string>();
    record.body_digest = json.at("body_digest").get<std::string>();
    record.size = json.at("size").get<uint64_t>();
    record.recorded_at = json.at("recorded_at").get<int64_t>();
  } catch (const Json::exception&) {
    return std::nullopt;
  }
  if (digest_hex(record.body_digest).empty()) return std::nullopt;
  return record;
}

std::string request_key(const HttpRequest& request) {
  std::vector<std::string> lines;
  for (const auto& [name, value] : request.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    lines.push_back(lower + ": " + value + "\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string canonical = "GET " + request.url + "\n";
  for (const auto& line : lines) canonical += line;
  return sha256_hex(canonical);
}

std::optional<ResponseRecord> ResponseStore::find(const std::string& key) const {
  auto path = cache_.http_record_path(key);
  auto text = read_file(path);
  if (!text) return std::nullopt;
  Json json;
  std::string error;
  std::optional<ResponseRecord> record;
  if (parse_json(*text, &json, &error)) record = ResponseRecord::from_json(json);
  if (!record || record->key != key) {
    cache_.quarantine(path);
    return std::nullopt;
  }
  return record;
}

Status ResponseStore::save(const ResponseRecord& record, std::string_view body) const {
  auto digest = cache_.put_object(body);
  if (!digest.ok()) return digest.status();
  if (*digest != record.body_digest)
    return Status::failed("cache: body digest " + *digest + " does not match the record's " +
                          record.body_digest);
  auto error = write_file_atomic(cache_.http_record_path(record.key), canonical(record.to_json()),
                                 cache_.tmp_dir());
  return error.empty() ? Status() : Status::failed("cache: " + error);
}

Cache::Read ResponseStore::read_body(const ResponseRecord& record, std::string* body) const {
  return cache_.get_object(record.body_digest, body);
}

}  // namespace quire
