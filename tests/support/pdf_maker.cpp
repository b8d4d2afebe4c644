#include "support/pdf_maker.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>

namespace quire::testing {
namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

PdfMaker& PdfMaker::text(int page, double x, double y, double size, const std::string& text) {
  runs_.push_back(Run{page, x, y, size, text});
  return *this;
}

PdfMaker& PdfMaker::vertical(int page, double x, double y, double size, const std::string& text) {
  runs_.push_back(Run{page, x, y, size, text, true});
  return *this;
}

double PdfMaker::advance(double size, const std::string& text) {
  cairo_surface_t* scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
  cairo_t* cr = cairo_create(scratch);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  cairo_destroy(cr);
  cairo_surface_destroy(scratch);
  return extents.x_advance;
}

PdfMaker& PdfMaker::spaced(int page, double x, double y, double size, const std::string& text,
                           double spacing) {
  for (char c : text) {
    std::string letter(1, c);
    if (c != ' ') runs_.push_back(Run{page, x, y, size, letter});
    x += advance(size, letter) + spacing;
  }
  return *this;
}

std::string PdfMaker::pdf() const {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_to_string, &out, width_, height_);
  // A fixed creation date: cairo stamps the current time otherwise, and the bytes (and every
  // digest of them) would change from one second to the next.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2023-11-14T22:13:20");
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  int pages = 1;
  for (const Run& run : runs_) pages = std::max(pages, run.page);
  for (int page = 1; page <= pages; ++page) {
    for (const Run& run : runs_) {
      if (run.page != page) continue;
      cairo_set_font_size(cr, run.size);
      cairo_save(cr);
      cairo_move_to(cr, run.x, run.y);
      if (run.vertical) cairo_rotate(cr, -1.5707963267948966);
      cairo_show_text(cr, run.text.c_str());
      cairo_restore(cr);
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace quire::testing
