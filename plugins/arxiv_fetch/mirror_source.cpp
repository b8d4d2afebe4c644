#include "mirror_source.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <quire/context.hpp>
#include <sstream>

#include "pdf.hpp"
#include "text.hpp"

namespace quire::arxiv {
namespace {

namespace fs = std::filesystem;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      char c = static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      if (c == '\0') throw QueryError("mirror: the file URL contains %00");
      out += c;
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

// Reads a whole file of at most `limit` bytes; false with `error` (naming the file relative to
// the mirror, so reports do not depend on where the mirror lives) otherwise.
bool read_file(const fs::path& root, const std::string& relative, uint64_t limit,
               std::string* bytes, std::string* error) {
  fs::path path = root / relative;
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  if (ec) {
    *error = "cannot read " + relative + ": " + ec.message();
    return false;
  }
  if (size > limit) {
    *error = relative + " is " + std::to_string(size) + " bytes, over the limit of " +
             std::to_string(limit);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    *error = "cannot read " + relative;
    return false;
  }
  *bytes = text.str();
  return true;
}

bool has_extension(const fs::path& path, const char* extension) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == extension;
}

}  // namespace

fs::path mirror_root(const std::string& setting) {
  if (setting.rfind("file:", 0) != 0) return fs::path(setting);
  std::string rest = setting.substr(5);
  if (rest.rfind("//", 0) == 0) {
    rest = rest.substr(2);
    size_t slash = rest.find('/');
    std::string host = rest.substr(0, slash);
    if (!host.empty() && host != "localhost")
      throw QueryError("mirror: '" + printable(setting) +
                       "' names another host; only local file:// URLs are read");
    rest = slash == std::string::npos ? "/" : rest.substr(slash);
  }
  if (rest.empty() || rest[0] != '/')
    throw QueryError("mirror: '" + printable(setting) + "' is not an absolute file:// URL");
  return fs::path(percent_decode(rest));
}

Mirror scan_mirror(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec))
    throw StageError("mirror " + root.string() + " is not a directory");
  Mirror mirror;
  mirror.root = root;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw StageError("cannot list mirror " + root.string() + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw StageError("cannot list mirror " + root.string() + ": " + ec.message());
    if (!it->is_regular_file(ec)) continue;
    std::string relative = it->path().lexically_relative(root).generic_string();
    if (has_extension(it->path(), ".xml")) mirror.feeds.push_back(relative);
    if (has_extension(it->path(), ".pdf"))
      mirror.pdfs[it->path().filename().string()].push_back(relative);
  }
  std::sort(mirror.feeds.begin(), mirror.feeds.end());
  for (auto& [_, paths] : mirror.pdfs) std::sort(paths.begin(), paths.end());
  if (mirror.feeds.empty())
    throw StageError("mirror " + root.string() + " holds no Atom feed (*.xml)");
  return mirror;
}

Gathered gather_from_mirror(const Mirror& mirror, const FetchSettings& settings) {
  Gathered gathered;
  std::vector<AtomEntry> all;
  for (const auto& relative : mirror.feeds) {
    std::string xml, error;
    if (!read_file(mirror.root, relative, 1ull << 30, &xml, &error))
      throw StageError("mirror feed " + relative + ": " + error);
    AtomFeed feed = parse_atom(xml);
    if (!feed.error.empty()) throw StageError("mirror feed " + relative + ": " + feed.error);
    if (!feed.api_error.empty()) {
      gathered.warnings.push_back("mirror feed " + relative + " is an arXiv API error response (" +
                                  feed.api_error + "); skipped");
      continue;
    }
    gathered.feeds.push_back(relative);
    gathered.repaired_texts += feed.repaired_texts;
    for (auto& entry : feed.entries) {
      entry.source = relative;
      all.push_back(std::move(entry));
    }
  }
  if (has_search(settings.query)) {
    gathered.listing = local_listing(all, settings.query);
    gathered.total_results = static_cast<int64_t>(gathered.listing.size());
  }
  gathered.lookups = std::move(all);
  return gathered;
}

void copy_mirror_pdfs(std::vector<PaperRecord>& records, const Mirror& mirror,
                      const FetchSettings& settings,
                      const std::function<void(const std::string&, const std::string&)>& write_blob,
                      const std::function<void()>& check_cancelled) {
  for (auto& record : records) {
    if (check_cancelled) check_cancelled();
    PdfOutcome& pdf = record.pdf;
    pdf = PdfOutcome();
    pdf.status = "failed";
    std::string name = pdf_output_name(*record.paper.entry.id);
    auto found = mirror.pdfs.find(name);
    if (found == mirror.pdfs.end()) {
      pdf.error = "no " + name + " in the mirror";
      continue;
    }
    if (found->second.size() > 1) {
      pdf.error = "several files named " + name + " in the mirror (" + found->second[0] + ", " +
                  found->second[1] + "); remove all but one";
      continue;
    }
    const std::string& relative = found->second[0];
    std::string bytes, error;
    if (!read_file(mirror.root, relative, settings.max_pdf_bytes, &bytes, &error)) {
      pdf.error = error;
      continue;
    }
    if (std::string problem = pdf_problem(bytes); !problem.empty()) {
      pdf.error = problem + " (mirror file " + relative + ")";
      continue;
    }
    pdf.digest = sha256_digest(bytes);
    pdf.bytes = bytes.size();
    pdf.output = name;
    write_blob(name, bytes);
    pdf.status = "copied";
  }
}

}  // namespace quire::arxiv
