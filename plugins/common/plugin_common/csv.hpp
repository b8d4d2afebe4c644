// An RFC 4180 CSV writer, shared by the plugins that write evidence matrices.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::common {

// One field: as it is, or — when it contains ',', '"', CR or LF — enclosed in double quotes
// with every '"' doubled. Bytes are passed through unchanged (UTF-8 stays UTF-8).
std::string csv_field(std::string_view value);

// One record: the fields joined by ',' and ended by CRLF.
std::string csv_record(const std::vector<std::string>& fields);

// A table with a header record; every record must have as many fields as the header.
class CsvWriter {
 public:
  explicit CsvWriter(std::vector<std::string> header);
  // Appends a record; throws std::invalid_argument when its width differs from the header's.
  void add(const std::vector<std::string>& fields);
  // The whole table so far, header first.
  const std::string& text() const { return text_; }

 private:
  size_t columns_;
  std::string text_;
};

}  // namespace quire::common
