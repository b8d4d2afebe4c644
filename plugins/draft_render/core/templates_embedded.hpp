// The built-in templates, compiled into the plugin from plugins/draft_render/templates/ by
// cmake/embed_templates.cmake, so the plugin is self-contained and its digest changes with them.
#pragma once

#include <string_view>
#include <vector>

namespace quire::draft {

struct EmbeddedTemplate {
  std::string_view name;  // the file name, e.g. "abstract.mustache"
  std::string_view text;
};

// Sorted by name.
const std::vector<EmbeddedTemplate>& embedded_templates();

}  // namespace quire::draft
