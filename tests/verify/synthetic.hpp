// Shared helpers for the verify tests: extraction of cairo-made PDFs and token views.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalise_text.hpp"
#include "pdf_text.hpp"
#include "support/pdf_maker.hpp"

namespace quire::testing {

// Extracts a PDF made with PdfMaker; fails the test when extraction fails.
inline verify::PdfExtraction extract_made(const PdfMaker& maker) {
  verify::PdfExtraction result = verify::extract_pdf(maker.pdf(), verify::ExtractOptions{});
  EXPECT_TRUE(result.ok()) << verify::failure_kind_name(result.failure) << ": " << result.message;
  return result;
}

// The token texts joined by single spaces.
inline std::string joined(const std::vector<verify::Token>& tokens) {
  std::string out;
  for (const verify::Token& t : tokens) out += (out.empty() ? "" : " ") + t.text;
  return out;
}

inline std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

}  // namespace quire::testing
