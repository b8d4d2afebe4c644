// The record of one HTTP response kept in the cache, so a --no-fresh run can replay it:
//
//   <cache>/http/ab/<key>.json   ResponseRecord (canonical JSON), key = request_key()
//   <cache>/objects/..           the body, by digest
//
// The body object is written before the record, each by temp + rename, so a record never
// points at bytes that are not there in full.
#pragma once

#include <cstdint>
#include <optional>
#include <quire/context.hpp>
#include <string>

#include "cache/cache.hpp"
#include "util/json.hpp"

namespace quire {

struct ResponseRecord {
  std::string key;  // request_key() of the request it answers
  std::string url;  // as requested
  std::string final_url;
  int status = 0;
  std::string content_type;
  std::string body_digest;  // "sha256:<hex>"
  uint64_t size = 0;
  int64_t recorded_at = 0;  // the run clock of the run that recorded it

  Json to_json() const;
  static std::optional<ResponseRecord> from_json(const Json& json);
};

// sha256 hex of "GET <url>\n" followed by one "name: value\n" per request header, names in
// lower case, sorted: the same request in any header order or case has the same key.
std::string request_key(const HttpRequest& request);

class ResponseStore {
 public:
  explicit ResponseStore(const Cache& cache) : cache_(cache) {}

  // The record for `key`; nullopt when there is none. An unreadable record is quarantined.
  std::optional<ResponseRecord> find(const std::string& key) const;
  // Stores the body, then the record that points at it.
  Status save(const ResponseRecord& record, std::string_view body) const;
  // Reads a recorded body, re-hashed against the record's digest.
  Cache::Read read_body(const ResponseRecord& record, std::string* body) const;

 private:
  const Cache& cache_;
};

}  // namespace quire
