#include "proof/csv_reader.hpp"

namespace quire {

namespace {

class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& name) : text_(text), name_(name) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // a spreadsheet's BOM
  }

  StatusOr<std::vector<CsvRecord>> records() {
    std::vector<CsvRecord> out;
    while (i_ < text_.size()) {
      if (skip_line_end()) continue;  // a blank line is no record
      CsvRecord record;
      record.line = line_;
      Status s = read_record(&record);
      if (!s.ok()) return s;
      out.push_back(std::move(record));
    }
    return out;
  }

  Status error(size_t line, const std::string& what) const {
    return Status::bad_workflow(name_ + ":" + std::to_string(line) + ": " + what);
  }

 private:
  // Consumes LF or CRLF at the cursor; false when the cursor is elsewhere.
  bool skip_line_end() {
    if (text_[i_] == '\n') {
      ++i_;
    } else if (text_.substr(i_, 2) == "\r\n") {
      i_ += 2;
    } else {
      return false;
    }
    ++line_;
    return true;
  }

  Status read_record(CsvRecord* record) {
    while (true) {
      std::string field;
      Status s = text_[i_] == '"' ? read_quoted(&field) : read_plain(&field);
      if (!s.ok()) return s;
      record->fields.push_back(std::move(field));
      if (i_ >= text_.size()) return {};
      if (text_[i_] == ',') {
        ++i_;
        if (i_ < text_.size()) continue;
        record->fields.emplace_back();  // "a," at the very end: an empty last field
        return {};
      }
      if (skip_line_end()) return {};
      return error(line_, "a CR that does not end a line");
    }
  }

  Status read_plain(std::string* field) {
    while (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '\n' && text_[i_] != '\r') {
      if (text_[i_] == '"') return error(line_, "a double quote inside an unquoted field");
      *field += text_[i_++];
    }
    return {};
  }

  Status read_quoted(std::string* field) {
    size_t start = line_;
    ++i_;
    while (true) {
      if (i_ >= text_.size()) return error(start, "a quoted field is never closed");
      char c = text_[i_++];
      if (c == '"') {
        if (i_ < text_.size() && text_[i_] == '"') {
          *field += '"';
          ++i_;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      *field += c;
    }
    if (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '\n' && text_[i_] != '\r')
      return error(line_, "text after the closing quote of a field");
    return {};
  }

  std::string_view text_;
  const std::string& name_;
  size_t i_ = 0;
  size_t line_ = 1;
};

}  // namespace

std::optional<size_t> CsvTable::column(std::string_view name) const {
  for (size_t c = 0; c < header.size(); ++c)
    if (header[c] == name) return c;
  return std::nullopt;
}

StatusOr<CsvTable> parse_csv(std::string_view text, const std::string& name) {
  CsvParser parser(text, name);
  auto records = parser.records();
  if (!records.ok()) return records.status();
  if (records->empty()) return parser.error(1, "empty file: no header record");
  CsvTable table;
  table.header = std::move(records->front().fields);
  for (size_t r = 1; r < records->size(); ++r) {
    auto& record = (*records)[r];
    if (record.fields.size() != table.header.size())
      return parser.error(record.line, std::to_string(record.fields.size()) +
                                           " fields where the header has " +
                                           std::to_string(table.header.size()));
    table.records.push_back(std::move(record));
  }
  return table;
}

}  // namespace quire
