// Builds small PDFs in memory with cairo for the verify tests: text runs at given positions and
// sizes on given pages, in DejaVu Sans (so poppler sees an embedded font with a ToUnicode map).
#pragma once

#include <string>
#include <vector>

namespace quire::testing {

class PdfMaker {
 public:
  // Page size in points (A4 by default).
  explicit PdfMaker(double width = 595, double height = 842) : width_(width), height_(height) {}

  // Places UTF-8 `text` on `page` (1-based; pages are created as needed) with its baseline
  // starting at (x, y), y measured from the top of the page, in a `size`-point font.
  PdfMaker& text(int page, double x, double y, double size, const std::string& text);

  // Like text(), but the run is turned a quarter counter-clockwise (reads bottom to top), as the
  // arXiv margin stamp is.
  PdfMaker& vertical(int page, double x, double y, double size, const std::string& text);

  // How far `text` advances at `size` points: to place a run right after another.
  static double advance(double size, const std::string& text);

  // Places each character of `text` separately, `spacing` points apart after its advance
  // (letter-spaced small caps).
  PdfMaker& spaced(int page, double x, double y, double size, const std::string& text,
                   double spacing);

  // The finished PDF file.
  std::string pdf() const;

 private:
  struct Run {
    int page;
    double x, y, size;
    std::string text;
    bool vertical = false;
  };
  double width_, height_;
  std::vector<Run> runs_;
};

}  // namespace quire::testing
