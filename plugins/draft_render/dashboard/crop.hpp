// Crops of a PDF page around a quote, with the quote's word boxes highlighted, as PNG bytes.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace poppler {
class document;
}

namespace quire::draft::dash {

// One matched word: 1-based page, PDF points, origin at the top-left of the page, y downwards
// (verify's `locators.boxes`).
struct WordBox {
  int page = 0;
  double x = 0, y = 0, width = 0, height = 0;
};

struct Crop {
  std::string png;            // the PNG file; empty when `error` says why there is none
  std::string error;          // "" on success
  int page = 0;               // the page shown
  int width = 0, height = 0;  // pixels
};

// One opened PDF; crops of its pages. Rendering is deterministic: the same bytes, boxes and
// resolution give the same PNG.
class PdfCropper {
 public:
  explicit PdfCropper(std::string pdf_bytes);
  ~PdfCropper();
  PdfCropper(const PdfCropper&) = delete;
  PdfCropper& operator=(const PdfCropper&) = delete;

  // Why the PDF cannot be read ("" when it can).
  const std::string& error() const { return error_; }

  // One crop per page the boxes lie on, in page order (a quote may run over a page break): the
  // region around the page's boxes (plus a margin), rendered at `dpi`, the boxes highlighted per
  // text line. Without boxes, one crop whose error says so.
  std::vector<Crop> crops(const std::vector<WordBox>& boxes, double dpi) const;

 private:
  Crop crop_page(const std::vector<WordBox>& boxes, int page_number, double dpi) const;

  std::string bytes_;  // poppler reads from this buffer for the document's lifetime
  std::unique_ptr<poppler::document> document_;
  std::string error_;
};

}  // namespace quire::draft::dash
