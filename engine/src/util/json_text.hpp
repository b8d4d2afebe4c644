// Writing JSON text directly, for the few hot paths (keys, run records) where building a DOM
// for thousands of stages costs more than the work itself. Output matches canonical().
#pragma once

#include <string>
#include <string_view>

namespace quire {

// Appends `text` as a JSON string literal (quotes, escapes; UTF-8 kept as is).
void append_quoted(std::string& out, std::string_view text);
std::string json_quoted(std::string_view text);
// The shortest text that reads back as `value` (as nlohmann and canonical() print it).
std::string number_text(double value);

}  // namespace quire
