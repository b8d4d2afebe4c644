// A local mirror as a source: a directory tree of Atom feeds (*.xml) and PDFs named
// <id with '/' as '_'>.pdf (docs/ledger.md). Only reads; allowed under --no-fresh.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "fetch_types.hpp"

namespace quire::arxiv {

struct Mirror {
  std::filesystem::path root;
  std::vector<std::string> feeds;                        // relative paths, sorted
  std::map<std::string, std::vector<std::string>> pdfs;  // file name -> relative paths
};

// The directory a `mirror` setting names: a path, or a file:// URL (file:///abs/path,
// file://localhost/abs/path, percent-escapes decoded). Throws QueryError for other URLs.
std::filesystem::path mirror_root(const std::string& setting);

// Lists the feeds and PDFs under `root` (recursively, without following directory links).
// Throws quire::StageError when `root` is not a readable directory or holds no feed.
Mirror scan_mirror(const std::filesystem::path& root);

// Reads every feed (in path order) and applies the query locally (local_listing). A feed that
// is not Atom is an error naming the file; a captured API error feed is skipped with a warning.
Gathered gather_from_mirror(const Mirror& mirror, const FetchSettings& settings);

// Copies each record's PDF from the mirror into a blob, checking it like a download; a missing,
// ambiguous, oversized or broken file is recorded on the record and the others go on.
void copy_mirror_pdfs(std::vector<PaperRecord>& records, const Mirror& mirror,
                      const FetchSettings& settings,
                      const std::function<void(const std::string&, const std::string&)>& write_blob,
                      const std::function<void()>& check_cancelled);

}  // namespace quire::arxiv
