// The audit's own PDF reader: one UTF-8 string per page (poppler-cpp), nothing else. It is kept
// separate from verify's extractor on purpose, so that round 3 is an independent second reading.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::audit {

// Either the pages' text, in order, or why the file could not be read.
struct PageTexts {
  bool ok = false;
  std::string error;               // when !ok: "not a PDF poppler can open", "encrypted", ...
  std::vector<std::string> pages;  // pages[0] is page 1
};

// Reads a whole PDF file. Never throws; poppler's complaints are not printed.
[[nodiscard]] PageTexts read_page_texts(std::string_view pdf_bytes);

}  // namespace quire::audit
