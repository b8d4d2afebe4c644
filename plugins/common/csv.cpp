#include "plugin_common/csv.hpp"

#include <stdexcept>

namespace quire::common {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

CsvWriter::CsvWriter(std::vector<std::string> header) : columns_(header.size()) {
  if (columns_ == 0) throw std::invalid_argument("CSV header has no columns");
  text_ = csv_record(header);
}

void CsvWriter::add(const std::vector<std::string>& fields) {
  if (fields.size() != columns_)
    throw std::invalid_argument("CSV record has " + std::to_string(fields.size()) +
                                " fields, the header " + std::to_string(columns_));
  text_ += csv_record(fields);
}

}  // namespace quire::common
