// PDF text extraction for quote verification: per page, the reading-order text and the words with
// their boxes (poppler-cpp). A PDF a user hands us that cannot be read is a failure value, never a
// crash or an exception.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire::verify {

// Limits and the password for one extraction. A limit of 0 means "no limit".
struct ExtractOptions {
  std::string password;                // tried as both user and owner password
  int max_pages = 2000;                // more pages than this: kTooManyPages
  std::size_t max_bytes = 256u << 20;  // a larger file: kTooLarge (checked before parsing)
};

enum class ExtractFailure {
  kNone,
  kUnopenable,    // not a PDF poppler can open (no trailer, garbage)
  kTruncated,     // starts like a PDF but ends before its %%EOF (an interrupted download)
                  // poppler 22.12 does not open such a file at all, so no
                  // partial pages are returned: a recorded failure
  kEncrypted,     // needs a password, and none or a wrong one was given
  kNoTextLayer,   // opens, but no page has any extractable word (scanned images)
  kTooManyPages,  // more pages than ExtractOptions::max_pages
  kTooLarge,      // more bytes than ExtractOptions::max_bytes
};

// "unopenable", "truncated", "encrypted", "no_text_layer", "too_many_pages", "too_large" ("" for
// kNone): the names recorded in the ledger.
const char* failure_kind_name(ExtractFailure kind);

// A rectangle in page coordinates: PDF points, origin at the page's top-left, y grows downwards.
struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
};

// One word as poppler's text_list() reports it (roughly one word per box).
struct PdfWord {
  std::string text;  // UTF-8, as in the PDF (ligatures such as U+FB01 not expanded)
  Box box;
  int rotation = 0;          // 0..3 quarter turns; the arXiv margin stamp is rotated
  bool space_after = false;  // poppler saw a space after this word on the same line
};

struct PdfPage {
  int number = 0;                // 1-based
  double width = 0, height = 0;  // crop box, points
  std::string text;              // reading-order text (non_raw_non_physical_layout)
  std::vector<PdfWord> words;    // reading order; Token::word indexes into this
};

// Either a failure (kind + message) or the pages, in order.
struct PdfExtraction {
  ExtractFailure failure = ExtractFailure::kNone;
  std::string message;
  std::vector<PdfPage> pages;

  bool ok() const { return failure == ExtractFailure::kNone; }
};

// True when `b` sits on the same text line as `a`: same rotation, vertical centres within half the
// taller box (for rotated words, the horizontal centres).
bool same_line(const PdfWord& a, const PdfWord& b);

// Parses `bytes` (a whole PDF file). Never throws and never crashes on malformed input; poppler's
// own error messages are swallowed instead of reaching stderr.
[[nodiscard]] PdfExtraction extract_pdf(std::string_view bytes, const ExtractOptions& options);

}  // namespace quire::verify
