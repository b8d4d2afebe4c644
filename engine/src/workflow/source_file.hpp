// A workflow file's text, kept so every diagnostic can quote the line and point a caret.
#pragma once

#include <string>
#include <string_view>

namespace quire {

struct SourceLocation {
  int line = 0;    // 1-based; 0 when the value came from the command line
  int column = 0;  // 1-based
  bool known() const { return line > 0; }
};

class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  // "file:line:col: error: message", then the line and a caret under the column
  // (ninja's lexer style). Without a location: "file: error: message".
  std::string diagnose(SourceLocation at, std::string_view message) const;

 private:
  std::string_view line_text(int line) const;

  std::string path_;
  std::string text_;
};

}  // namespace quire
