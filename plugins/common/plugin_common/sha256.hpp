// SHA-256 for plugins (OpenSSL libcrypto), shared so each plugin does not carry its own copy.
// Plugins may not link the engine; this small library is the plugins' own.
#pragma once

#include <string>
#include <string_view>

namespace quire::common {

// 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);
// "sha256:<64 hex>", the form records and the engine use.
std::string sha256_digest(std::string_view bytes);

}  // namespace quire::common
