// The dashboard page's parts, each a function of the parsed inputs.
#pragma once

#include <string>

#include "inputs.hpp"

namespace quire::draft::dash {

// The audit section: the verdict, its reasons and scores, then each round's findings.
std::string audit_section(const Model& model);

// The probe section: the claims' verdicts, then per probe its curves as line charts and its
// layer x head tables as heat maps.
std::string probes_section(const Model& model);

// The page's inline stylesheet and script (constant text).
const char* page_style();
const char* page_script();

// `text` reduced to [a-z0-9-] for a CSS class name.
std::string css_token(const std::string& text);

}  // namespace quire::draft::dash
