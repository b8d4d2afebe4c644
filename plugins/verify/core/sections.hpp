// Best-effort section locators: which heading is in force at a word. A label, not ground truth
// (structure extractors reach ~70-76 F1 on section titles); the page and box are the primary
// locator.
#pragma once

#include <string>
#include <vector>

#include "pdf_text.hpp"

namespace quire::verify {

struct Heading {
  std::string text;  // the heading line as printed, words joined by single spaces ("4.3 Results")
  int page = 0;      // 1-based
  int word = 0;      // index of its first word in PdfPage::words
};

// Headings found from line text and box heights. A line is a heading when it is short, not
// smaller than the body text, does not end like a sentence, and either is numbered ("5
// Conclusion", "4.3 Evidence of ...", "A.1 Proofs") with a capitalised title, or is a known name
// ("Abstract", "References", "Acknowledgments", ...), or starts "Appendix".
class Sections {
 public:
  explicit Sections(const std::vector<PdfPage>& pages);

  // The innermost heading in force at (page, word): the last heading at or before that position
  // in reading order; "" before the first heading.
  [[nodiscard]] std::string section_at(int page, int word) const;

  const std::vector<Heading>& headings() const { return headings_; }

 private:
  std::vector<Heading> headings_;  // in reading order
};

}  // namespace quire::verify
