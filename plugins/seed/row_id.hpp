// Stable evidence row ids: the same sentence of the same paper gets the same id in every run
// and every version of the paper.
#pragma once

#include <cstddef>
#include <plugin_common/sha256.hpp>
#include <string>
#include <string_view>

namespace quire::seed {

// The form of a sentence that its id is computed from: whitespace runs collapsed to one space,
// both ends trimmed, ASCII letters lower-cased.
std::string normalise_sentence(std::string_view sentence);

// Lower-case hex SHA-256 of `bytes`.
using common::sha256_hex;

// "EV-" + base id with '/' as '_' + "-" + the first `hex_chars` hex digits of the SHA-256 of the
// normalised sentence: EV-2401.00001-3f2a9c1e, EV-cs_9901001-0b7d44aa.
std::string row_id(std::string_view base_id, std::string_view sentence, size_t hex_chars = 8);

}  // namespace quire::seed
