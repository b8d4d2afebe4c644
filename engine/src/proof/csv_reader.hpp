// An RFC 4180 reader for the evidence matrices the ledger stages write (plugins/common's
// CsvWriter is their writer): quoted fields may hold commas, CR, LF and doubled quotes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.hpp"

namespace quire {

// One record and the 1-based line of the file on which it starts.
struct CsvRecord {
  size_t line = 0;
  std::vector<std::string> fields;
};

// A header record and the records after it, each exactly as wide as the header.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> records;

  // The index of a header column, or nullopt when there is none of that name.
  std::optional<size_t> column(std::string_view name) const;
};

// Parses `text` (records end with CRLF or LF; a final record end is optional). `name` is the
// file's name for messages, which read "<name>:<line>: <what>". Fails on an unterminated quoted
// field, a quote inside an unquoted field, text after a closing quote, an empty file or a record
// whose width differs from the header's; the status's exit code is 2 (bad input).
StatusOr<CsvTable> parse_csv(std::string_view text, const std::string& name);

}  // namespace quire
