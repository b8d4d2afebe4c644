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
  int page = 0;               // the page shown (that of the first box)
  int width = 0, height = 0;  // pixels
  int boxes_elsewhere = 0;    // boxes on other pages than the one shown
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

  // The region of the first box's page around the boxes on it (plus a margin), rendered at
  // `dpi`, the boxes highlighted per text line.
  Crop crop(const std::vector<WordBox>& boxes, double dpi) const;

 private:
  std::string bytes_;  // poppler reads from this buffer for the document's lifetime
  std::unique_ptr<poppler::document> document_;
  std::string error_;
};

}  // namespace quire::draft::dash
