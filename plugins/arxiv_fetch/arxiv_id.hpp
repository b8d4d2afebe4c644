// arXiv identifiers: strict parsing before an id is used in any URL or file name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quire::arxiv {

// A validated arXiv id. New style: 2104.09864 (YYMM.NNNN or YYMM.NNNNN); old style:
// astro-ph/0601001 or math.GT/0309136. Both with an optional version (v1, v2, ...).
struct ArxivId {
  std::string base;  // without version, e.g. "2104.09864" or "astro-ph/0601001"
  int version = 0;   // 0 when the id carries no version
  bool old_style = false;

  // "2104.09864v5", or the base when unversioned.
  std::string str() const;
  // A plain file-name stem: '/' becomes '_' ("astro-ph_0601001v1"). Safe by construction.
  std::string file_stem() const;
  bool versioned() const { return version > 0; }
};

// Longest accepted id text.
constexpr size_t kMaxIdLength = 64;

// Parses `text` against the strict patterns
//   new style  \d{4}\.\d{4,5}(v[1-9]\d{0,3})?
//   old style  [a-z][a-z-]*(\.[A-Z]{2})?/\d{7}(v[1-9]\d{0,3})?
// Anything else (paths, "..", NUL, spaces, over kMaxIdLength bytes) gives nullopt.
std::optional<ArxivId> parse_arxiv_id(std::string_view text);

// An id as a user writes it in config: also accepts a leading "arXiv:" (any case).
std::optional<ArxivId> parse_user_id(std::string_view text);

// The id inside an Atom entry's <id> URL ("http://arxiv.org/abs/2104.09864v5"); nullopt when
// the URL is not an arXiv abstract URL or the id fails parse_arxiv_id.
std::optional<ArxivId> parse_entry_url(std::string_view url);

// `text` made safe to quote in a report: at most 80 bytes, control bytes as \xNN.
std::string printable(std::string_view text);

}  // namespace quire::arxiv
