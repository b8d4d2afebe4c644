// Is a downloaded body a whole PDF? Servers answer PDF URLs with HTML (login pages, "paper
// withdrawn", captchas) and connections die mid-file; neither may be kept as the paper.
#pragma once

#include <string>
#include <string_view>

namespace quire {

// Empty when `body` starts with "%PDF-" and has "%%EOF" within its last 2048 bytes; otherwise
// the reason, e.g. "not a PDF (starts with '<!DOCTYPE html>...', content-type text/html)" or
// "truncated PDF (no %%EOF in the last 2048 bytes)".
std::string check_pdf(std::string_view body, std::string_view content_type);

}  // namespace quire
