// SHA-256 digests (OpenSSL), written "sha256:<64 hex>" wherever they leave the engine.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quire {

// Incremental hashing for data that arrives in pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  // The 64-character lower-case hex digest; the object is spent afterwards.
  std::string hex();

 private:
  void* ctx_;
};

// Hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);
// "sha256:" + hex, the form stored in records and keys.
std::string digest_of(std::string_view bytes);
// Digest of a file's contents, or nullopt when it cannot be read.
std::optional<std::string> digest_of_file(const std::filesystem::path& path);
// The hex part of "sha256:<hex>", or an empty view when `digest` is not in that form.
std::string_view digest_hex(std::string_view digest);

}  // namespace quire
