// PDF bytes: a completeness check, the SHA-256 digest, and names and URLs built from ids.
#pragma once

#include <plugin_common/sha256.hpp>
#include <string>
#include <string_view>

#include "arxiv_id.hpp"

namespace quire::arxiv {

// Empty when `bytes` look like a whole PDF: they start with "%PDF-" and "%%EOF" appears in
// the last 2048 bytes (trailing whitespace and junk after it are common). Otherwise why not.
std::string pdf_problem(std::string_view bytes);

// "sha256:<64 lower-case hex digits>" of `bytes`.
using common::sha256_digest;

// The blob output name of a paper's PDF: "2104.09864v5.pdf", "astro-ph_0601001v1.pdf".
std::string pdf_output_name(const ArxivId& id);

// `pdf_base` + id, with one '/' between them ("https://arxiv.org/pdf/2104.09864v5").
std::string pdf_url(std::string pdf_base, const ArxivId& id);

// The abstract page: "https://arxiv.org/abs/" + id.
std::string abs_url(const ArxivId& id);

}  // namespace quire::arxiv
