#include "page_text.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <exception>
#include <memory>
#include <mutex>

namespace quire::audit {
namespace {

void swallow(const std::string& /*message*/, void* /*closure*/) {}

PageTexts failed(std::string why) {
  PageTexts result;
  result.error = std::move(why);
  return result;
}

}  // namespace

PageTexts read_page_texts(std::string_view pdf_bytes) {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(swallow, nullptr); });
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) return failed("PDF too large to read");
  try {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
        pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
    if (!doc) return failed("not a PDF poppler can open");
    if (doc->is_locked()) return failed("the PDF is encrypted");
    PageTexts result;
    for (int i = 0; i < doc->pages(); ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (!page) return failed("page " + std::to_string(i + 1) + " cannot be read");
      poppler::byte_array bytes =
          page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
      result.pages.emplace_back(bytes.begin(), bytes.end());
    }
    result.ok = true;
    return result;
  } catch (const std::exception& e) {
    return failed(std::string("poppler failed: ") + e.what());
  }
}

}  // namespace quire::audit
