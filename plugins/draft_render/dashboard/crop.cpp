#include "crop.hpp"

#include <cairo.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <exception>
#include <mutex>

namespace quire::draft::dash {
namespace {

// Margins around the quote's lines, in points: enough to show the neighbouring lines.
constexpr double kMarginX = 28;
constexpr double kMarginY = 16;

void swallow(const std::string& /*message*/, void* /*closure*/) {}

struct Rect {
  double x0, y0, x1, y1;
};

// The word boxes of one page merged per text line (boxes whose vertical centres lie within half
// a box height of each other), so a highlighted line reads as one marker stroke.
std::vector<Rect> line_rects(const std::vector<WordBox>& boxes, int page) {
  std::vector<Rect> lines;
  for (const WordBox& b : boxes) {
    if (b.page != page || !(b.width > 0) || !(b.height > 0)) continue;
    double centre = b.y + b.height / 2;
    auto same = std::find_if(lines.begin(), lines.end(), [&](const Rect& r) {
      return std::fabs((r.y0 + r.y1) / 2 - centre) < b.height / 2;
    });
    if (same == lines.end()) {
      lines.push_back({b.x, b.y, b.x + b.width, b.y + b.height});
      continue;
    }
    same->x0 = std::min(same->x0, b.x);
    same->y0 = std::min(same->y0, b.y);
    same->x1 = std::max(same->x1, b.x + b.width);
    same->y1 = std::max(same->y1, b.y + b.height);
  }
  return lines;
}

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Copies poppler's ARGB32 image (native-endian 0xAARRGGBB, as cairo's) into a cairo surface.
cairo_surface_t* to_surface(const poppler::image& image) {
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width(), image.height());
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return surface;
  cairo_surface_flush(surface);
  unsigned char* to = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  size_t row = std::min<size_t>(static_cast<size_t>(stride), image.bytes_per_row());
  for (int y = 0; y < image.height(); ++y)
    std::memcpy(to + static_cast<size_t>(y) * stride,
                image.const_data() + y * image.bytes_per_row(), row);
  cairo_surface_mark_dirty(surface);
  return surface;
}

void highlight(cairo_surface_t* surface, const std::vector<Rect>& lines, double scale, int x0,
               int y0) {
  cairo_t* cr = cairo_create(surface);
  cairo_translate(cr, -x0, -y0);
  cairo_scale(cr, scale, scale);
  for (const Rect& r : lines)
    cairo_rectangle(cr, r.x0 - 1, r.y0 - 1, r.x1 - r.x0 + 2, r.y1 - r.y0 + 2);
  cairo_set_source_rgba(cr, 1.0, 0.82, 0.0, 0.38);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.85, 0.4, 0.0);
  cairo_set_line_width(cr, 1.0);
  cairo_stroke(cr);
  cairo_destroy(cr);
}

}  // namespace

PdfCropper::PdfCropper(std::string pdf_bytes) : bytes_(std::move(pdf_bytes)) {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(swallow, nullptr); });
  if (bytes_.size() > static_cast<size_t>(INT_MAX)) {
    error_ = "the PDF is too large to read";
    return;
  }
  try {
    document_.reset(
        poppler::document::load_from_raw_data(bytes_.data(), static_cast<int>(bytes_.size())));
  } catch (const std::exception& e) {
    error_ = std::string("poppler failed: ") + e.what();
    return;
  }
  if (!document_)
    error_ = "not a PDF poppler can open";
  else if (document_->is_locked())
    error_ = "the PDF is encrypted";
}

PdfCropper::~PdfCropper() = default;

std::vector<Crop> PdfCropper::crops(const std::vector<WordBox>& boxes, double dpi) const {
  Crop failed;
  failed.error = !error_.empty() ? error_ : boxes.empty() ? "the row has no word boxes" : "";
  if (!failed.error.empty()) return {failed};
  std::vector<int> pages;
  for (const WordBox& b : boxes) pages.push_back(b.page);
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  std::vector<Crop> out;
  for (int page : pages) out.push_back(crop_page(boxes, page, dpi));
  return out;
}

Crop PdfCropper::crop_page(const std::vector<WordBox>& boxes, int page_number, double dpi) const {
  Crop crop;
  crop.page = page_number;
  if (crop.page < 1 || crop.page > document_->pages()) {
    crop.error = "page " + std::to_string(crop.page) + " is not in the PDF (it has " +
                 std::to_string(document_->pages()) + " pages)";
    return crop;
  }
  std::unique_ptr<poppler::page> page(document_->create_page(crop.page - 1));
  if (!page) {
    crop.error = "page " + std::to_string(crop.page) + " cannot be read";
    return crop;
  }
  std::vector<Rect> lines = line_rects(boxes, crop.page);
  poppler::rectf media = page->page_rect();
  Rect area{media.width(), media.height(), 0, 0};
  for (const Rect& r : lines) {
    area.x0 = std::min(area.x0, r.x0 - kMarginX);
    area.y0 = std::min(area.y0, r.y0 - kMarginY);
    area.x1 = std::max(area.x1, r.x1 + kMarginX);
    area.y1 = std::max(area.y1, r.y1 + kMarginY);
  }
  // Widen to the whole lines the crop shows, so no neighbouring word is cut in half.
  for (const poppler::text_box& word : page->text_list()) {
    poppler::rectf b = word.bbox();
    double centre = b.y() + b.height() / 2;
    if (centre < area.y0 || centre > area.y1) continue;
    area.x0 = std::min(area.x0, b.x() - 6);
    area.x1 = std::max(area.x1, b.x() + b.width() + 6);
  }
  area = {std::max(area.x0, 0.0), std::max(area.y0, 0.0), std::min(area.x1, media.width()),
          std::min(area.y1, media.height())};
  if (lines.empty() || area.x1 <= area.x0 || area.y1 <= area.y0) {
    crop.error = "the word boxes lie outside page " + std::to_string(crop.page);
    return crop;
  }
  double scale = dpi / 72.0;
  int x0 = static_cast<int>(std::floor(area.x0 * scale));
  int y0 = static_cast<int>(std::floor(area.y0 * scale));
  int w = static_cast<int>(std::ceil(area.x1 * scale)) - x0;
  int h = static_cast<int>(std::ceil(area.y1 * scale)) - y0;

  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_paper_color(0xffffffff);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi, x0, y0, w, h);
  if (!image.is_valid() || image.format() != poppler::image::format_argb32) {
    crop.error = "poppler could not render page " + std::to_string(crop.page);
    return crop;
  }
  cairo_surface_t* surface = to_surface(image);
  if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
    highlight(surface, lines, scale, x0, y0);
    if (cairo_surface_write_to_png_stream(surface, append_png, &crop.png) != CAIRO_STATUS_SUCCESS)
      crop.png.clear();
  }
  cairo_surface_destroy(surface);
  if (crop.png.empty()) {
    crop.error = "the crop of page " + std::to_string(crop.page) + " could not be encoded";
    return crop;
  }
  crop.width = image.width();
  crop.height = image.height();
  return crop;
}

}  // namespace quire::draft::dash
