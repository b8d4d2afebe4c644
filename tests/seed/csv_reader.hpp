// A small, strict RFC 4180 reader for the tests: CRLF record ends, quoted fields with "" for a
// quote. It fails the test on anything else, so it also checks what the writer produced.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace quire::seed::testing {

using CsvTable = std::vector<std::vector<std::string>>;

inline CsvTable read_csv(const std::string& text) {
  CsvTable table;
  std::vector<std::string> record;
  std::string field;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {  // quoted field
      ++i;
      while (true) {
        if (i >= text.size()) {
          ADD_FAILURE() << "unterminated quoted field";
          return table;
        }
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
        } else if (text[i] == '"') {
          ++i;
          break;
        } else {
          field += text[i++];
        }
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        if (text[i] == '"') ADD_FAILURE() << "quote inside an unquoted field at byte " << i;
        field += text[i++];
      }
    }
    record.push_back(field);
    field.clear();
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (text.compare(i, 2, "\r\n") != 0) {
      ADD_FAILURE() << "record not ended by CRLF at byte " << i;
      return table;
    }
    i += 2;
    table.push_back(record);
    record.clear();
  }
  return table;
}

}  // namespace quire::seed::testing
