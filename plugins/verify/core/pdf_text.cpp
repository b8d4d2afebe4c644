#include "pdf_text.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>

namespace quire::verify {
namespace {

// poppler prints parser complaints ("Syntax Error: ...") to stderr unless a handler is set; the
// failure value carries what the caller needs, so the noise is dropped.
void swallow_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(swallow_poppler_message, nullptr); });
}

std::string utf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

PdfExtraction failure(ExtractFailure kind, std::string message) {
  PdfExtraction result;
  result.failure = kind;
  result.message = std::move(message);
  return result;
}

// poppler 22.12 refuses a file cut short (it does not reconstruct a missing xref from a partial
// body), so a file that starts like a PDF but has no %%EOF near its end is reported as truncated
// rather than as generally unopenable.
bool looks_truncated(std::string_view bytes) {
  if (bytes.substr(0, 5) != "%PDF-") return false;
  std::string_view tail = bytes.size() > 2048 ? bytes.substr(bytes.size() - 2048) : bytes;
  return tail.find("%%EOF") == std::string_view::npos;
}

PdfPage read_page(const poppler::page& page, int number) {
  PdfPage result;
  result.number = number;
  poppler::rectf rect = page.page_rect();
  result.width = rect.width();
  result.height = rect.height();
  // text_list() gives the words in poppler's reading order (not the physical layout, which
  // interleaves two columns, nor raw content-stream order). The page text is rebuilt from those
  // words rather than asked for with text(): a second layout pass would double the cost.
  for (const poppler::text_box& box : page.text_list()) {
    PdfWord word;
    word.text = utf8(box.text());
    poppler::rectf b = box.bbox();
    word.box = Box{b.x(), b.y(), b.width(), b.height()};
    word.rotation = box.rotation();
    word.space_after = box.has_space_after();
    if (!word.text.empty()) result.words.push_back(std::move(word));
  }
  for (size_t i = 0; i < result.words.size(); ++i) {
    const PdfWord& w = result.words[i];
    result.text += w.text;
    if (i + 1 == result.words.size()) break;
    result.text += !same_line(w, result.words[i + 1]) ? "\n" : w.space_after ? " " : "";
  }
  if (!result.text.empty()) result.text += "\n";
  return result;
}

PdfExtraction extract_open(poppler::document& doc, const ExtractOptions& options) {
  // Never ask a locked document for pages: poppler-cpp dereferences a null catalogue there.
  if (doc.is_locked()) {
    if (options.password.empty())
      return failure(ExtractFailure::kEncrypted, "the PDF is encrypted and no password was given");
    if (doc.unlock(options.password, options.password) || doc.is_locked())
      return failure(ExtractFailure::kEncrypted, "the PDF is encrypted and the password is wrong");
  }
  int pages = doc.pages();
  if (pages <= 0) return failure(ExtractFailure::kUnopenable, "the PDF has no pages");
  if (options.max_pages > 0 && pages > options.max_pages)
    return failure(ExtractFailure::kTooManyPages, "the PDF has " + std::to_string(pages) +
                                                      " pages, more than the limit of " +
                                                      std::to_string(options.max_pages));
  PdfExtraction result;
  bool any_word = false;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc.create_page(i));
    PdfPage read;
    read.number = i + 1;
    if (page) read = read_page(*page, i + 1);  // an unreadable page stays, empty
    any_word = any_word || !read.words.empty();
    result.pages.push_back(std::move(read));
  }
  if (!any_word)
    return failure(
        ExtractFailure::kNoTextLayer,
        "no page has extractable text (" + std::to_string(pages) + " pages; scanned images?)");
  return result;
}

}  // namespace

bool same_line(const PdfWord& a, const PdfWord& b) {
  if (a.rotation != b.rotation) return false;
  bool vertical = a.rotation % 2 == 1;
  double ca = vertical ? a.box.x + a.box.width / 2 : a.box.y + a.box.height / 2;
  double cb = vertical ? b.box.x + b.box.width / 2 : b.box.y + b.box.height / 2;
  double size =
      vertical ? std::max(a.box.width, b.box.width) : std::max(a.box.height, b.box.height);
  return std::abs(ca - cb) < size / 2;
}

const char* failure_kind_name(ExtractFailure kind) {
  switch (kind) {
    case ExtractFailure::kNone:
      return "";
    case ExtractFailure::kUnopenable:
      return "unopenable";
    case ExtractFailure::kTruncated:
      return "truncated";
    case ExtractFailure::kEncrypted:
      return "encrypted";
    case ExtractFailure::kNoTextLayer:
      return "no_text_layer";
    case ExtractFailure::kTooManyPages:
      return "too_many_pages";
    case ExtractFailure::kTooLarge:
      return "too_large";
  }
  return "";
}

PdfExtraction extract_pdf(std::string_view bytes, const ExtractOptions& options) {
  silence_poppler();
  if ((options.max_bytes > 0 && bytes.size() > options.max_bytes) || bytes.size() > INT_MAX)
    return failure(ExtractFailure::kTooLarge, "the PDF has " + std::to_string(bytes.size()) +
                                                  " bytes, more than the limit of " +
                                                  std::to_string(options.max_bytes));
  if (bytes.empty()) return failure(ExtractFailure::kUnopenable, "the file is empty");
  try {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
        bytes.data(), static_cast<int>(bytes.size()), options.password, options.password));
    if (!doc) {
      if (looks_truncated(bytes))
        return failure(ExtractFailure::kTruncated,
                       "the PDF ends before its end-of-file marker (interrupted download?)");
      return failure(ExtractFailure::kUnopenable, "poppler cannot open the file as a PDF");
    }
    return extract_open(*doc, options);
  } catch (const std::exception& e) {
    return failure(ExtractFailure::kUnopenable, std::string("PDF parsing failed: ") + e.what());
  } catch (...) {
    return failure(ExtractFailure::kUnopenable, "PDF parsing failed");
  }
}

}  // namespace quire::verify
