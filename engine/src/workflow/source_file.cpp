#include "workflow/source_file.hpp"

#include <utility>

namespace quire {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {}

std::string_view SourceFile::line_text(int line) const {
  std::string_view rest = text_;
  for (int i = 1; i < line; ++i) {
    auto nl = rest.find('\n');
    if (nl == std::string_view::npos) return {};
    rest.remove_prefix(nl + 1);
  }
  auto nl = rest.find('\n');
  auto text = rest.substr(0, nl);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::string SourceFile::diagnose(SourceLocation at, std::string_view message) const {
  if (!at.known()) return path_ + ": error: " + std::string(message);
  std::string out = path_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                    ": error: " + std::string(message);
  auto text = line_text(at.line);
  if (text.empty()) return out;
  out += "\n    " + std::string(text) + "\n    ";
  // Keep tabs so the caret lines up under the same column.
  for (int i = 1; i < at.column && i <= static_cast<int>(text.size()); ++i)
    out += text[static_cast<size_t>(i - 1)] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

}  // namespace quire
