// arxiv-fetch: papers from the arXiv API (or a local mirror) into papers.json, their PDFs as
// blobs, and fetch_report.json saying how they were found. The network goes through the
// engine's HTTP client (Context::get), which paces, retries, records and replays.
#include <algorithm>
#include <optional>
#include <quire/plugin.hpp>

#include "api_source.hpp"
#include "mirror_source.hpp"
#include "records.hpp"
#include "text.hpp"
#include "version_history.hpp"

namespace quire::arxiv {
namespace {

int64_t int_in_range(Context& ctx, const char* key, int64_t low, int64_t high) {
  int64_t value = ctx.get_int(key);
  if (value < low || value > high)
    throw StageError("config key '" + std::string(key) + "' must be between " +
                     std::to_string(low) + " and " + std::to_string(high) + ", got " +
                     std::to_string(value));
  return value;
}

FetchSettings read_settings(Context& ctx) {
  FetchSettings s;
  FetchQuery& q = s.query;
  for (const auto& category : ctx.get_strings("categories"))
    q.categories.push_back(collapse_whitespace(category));
  for (const auto& phrase : ctx.get_strings("phrases"))
    q.phrases.push_back(collapse_whitespace(phrase));
  for (const auto& text : ctx.get_strings("ids")) {
    auto id = parse_user_id(collapse_whitespace(text));
    if (!id) {
      s.rejected_ids.push_back(printable(text));
      continue;
    }
    bool seen = std::any_of(q.ids.begin(), q.ids.end(),
                            [&](const ArxivId& other) { return other.str() == id->str(); });
    if (!seen) q.ids.push_back(*id);
  }
  q.date_from = collapse_whitespace(ctx.get_string("date_from"));
  q.date_to = collapse_whitespace(ctx.get_string("date_to"));
  q.max_results = ctx.get_int("max_results");
  q.page_size = ctx.get_int("page_size");
  q.api_url = ctx.get_string("api_url");
  s.mirror = ctx.get_string("mirror");
  s.pdf_base = ctx.get_string("pdf_base");
  s.download_pdfs = ctx.get_bool("download_pdfs");
  s.api_delay_ms = int_in_range(ctx, "api_delay_ms", 0, 600000);
  s.parallel_downloads = int_in_range(ctx, "parallel_downloads", 1, 32);
  s.retry_empty_page = int_in_range(ctx, "retry_empty_page", 0, 10);
  s.max_pdf_bytes = static_cast<uint64_t>(int_in_range(ctx, "max_pdf_mb", 1, 4096)) << 20;
  try {
    validate(q);
    if (s.pdf_base.rfind("https://", 0) != 0 && s.pdf_base.rfind("http://", 0) != 0)
      throw QueryError("pdf_base must start with https:// or http://, got '" +
                       printable(s.pdf_base) + "'");
  } catch (const QueryError& e) {
    throw StageError("config: " + std::string(e.what()));
  }
  if (!has_search(q) && q.ids.empty()) {
    std::string rejected;
    for (const auto& id : s.rejected_ids) rejected += (rejected.empty() ? "" : ", ") + id;
    throw StageError("nothing to fetch: set categories, phrases, date_from/date_to or ids" +
                     (rejected.empty() ? "" : " (rejected ids: " + rejected + ")"));
  }
  return s;
}

class ArxivFetch final : public Stage {
 public:
  void run(Context& ctx) override {
    FetchSettings settings = read_settings(ctx);
    std::string mode = settings.mirror.empty() ? "api" : "mirror";
    auto write_blob = [&](const std::string& name, const std::string& bytes) {
      ctx.write_blob(name, bytes);
    };
    auto check_cancelled = [&] { ctx.check_cancelled(); };
    Fetch fetch = [&](const HttpRequest& request) { return ctx.get(request); };

    Gathered gathered;
    Mirror mirror;
    if (mode == "api") {
      gathered = gather_from_api(settings, fetch);
    } else {
      try {
        mirror = scan_mirror(mirror_root(ctx.get_path("mirror")));
      } catch (const QueryError& e) {
        throw StageError("config: " + std::string(e.what()));
      }
      gathered = gather_from_mirror(mirror, settings);
    }
    Selection selection = select_papers(gathered.listing, gathered.lookups, settings.query.ids,
                                        settings.query.max_results);
    VersionMemo memo{[&](const std::string& key) -> std::optional<std::string> {
                       std::string value;
                       if (ctx.memo_get(key, &value)) return value;
                       return std::nullopt;
                     },
                     [&](const std::string& key, const std::string& value) {
                       std::string error;
                       if (!ctx.memo_put(key, value, &error)) throw StageError(error);
                     }};
    for (auto& notice : note_new_versions(selection.papers, memo))
      selection.notices.push_back(std::move(notice));
    std::stable_sort(selection.notices.begin(), selection.notices.end(),
                     [](const Notice& a, const Notice& b) { return a.base_id < b.base_id; });
    std::vector<PaperRecord> records = make_records(selection, settings.pdf_base);
    if (settings.download_pdfs && mode == "api")
      download_pdfs(records, settings,
                    {fetch, write_blob, check_cancelled,
                     [&](uint64_t done, uint64_t total) { ctx.progress(done, total); }});
    if (settings.download_pdfs && mode == "mirror")
      copy_mirror_pdfs(records, mirror, settings, write_blob, check_cancelled);

    ctx.write_json("papers.json", papers_json(records, mode));
    ctx.write_json("fetch_report.json", report_json(settings, mode, gathered, selection, records));
    report(ctx, settings, gathered, selection, records);
  }

 private:
  static void report(Context& ctx, const FetchSettings& settings, const Gathered& gathered,
                     const Selection& selection, const std::vector<PaperRecord>& records) {
    for (const auto& id : settings.rejected_ids)
      ctx.warn(id + ": not an arXiv id; not fetched (see fetch_report.json)");
    for (const auto& warning : gathered.warnings) ctx.warn(warning);
    for (const auto& notice : selection.notices) ctx.info(notice.message);
    for (const auto& error : selection.errors) ctx.warn(error.id + ": " + error.message);
    size_t pdfs = 0, failed = 0;
    for (const auto& record : records) {
      pdfs += !record.pdf.output.empty();
      if (record.pdf.status != "failed") continue;
      ++failed;
      ctx.warn(record.paper.entry.id->str() + ": PDF: " + record.pdf.error);
    }
    ctx.info(std::to_string(records.size()) + " papers, " + std::to_string(pdfs) + " PDFs, " +
             std::to_string(failed) + " PDF failures, " +
             std::to_string(selection.duplicates_dropped) + " duplicates dropped");
  }
};

constexpr quire_config_field kFields[] = {
    {"categories", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "arXiv categories, any of them (cat:A OR cat:B), e.g. [\"cs.CL\", \"cs.LG\"]"},
    {"phrases", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "keyword phrases, any of them, searched in title or abstract"},
    {"ids", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "explicit arXiv ids (2104.09864, 2104.09864v5, astro-ph/0601001), fetched in addition"},
    {"date_from", QUIRE_CONFIG_STRING, 0, "\"\"",
     "first submission day YYYY-MM-DD, inclusive; empty: unbounded"},
    {"date_to", QUIRE_CONFIG_STRING, 0, "\"\"",
     "last submission day YYYY-MM-DD, inclusive; empty: unbounded"},
    {"max_results", QUIRE_CONFIG_INT, 0, "50", "papers taken from the search, newest first"},
    {"page_size", QUIRE_CONFIG_INT, 0, "100", "entries per API request (1..2000)"},
    {"mirror", QUIRE_CONFIG_PATH, 0, "\"\"",
     "local mirror directory (relative: to the workflow file) or file:// URL of Atom feeds and "
     "PDFs; empty: the arXiv API"},
    {"api_url", QUIRE_CONFIG_STRING, 0, "\"https://export.arxiv.org/api/query\"",
     "the arXiv API query endpoint"},
    {"pdf_base", QUIRE_CONFIG_STRING, 0, "\"https://arxiv.org/pdf/\"",
     "PDF URLs are pdf_base + versioned id"},
    {"download_pdfs", QUIRE_CONFIG_BOOL, 0, "true", "download (or copy from the mirror) PDFs"},
    {"api_delay_ms", QUIRE_CONFIG_INT, 0, "3000",
     "minimum interval between arXiv API calls (arXiv asks for 3 s)"},
    {"parallel_downloads", QUIRE_CONFIG_INT, 0, "4", "PDF downloads at a time (1..32)"},
    {"retry_empty_page", QUIRE_CONFIG_INT, 0, "2",
     "retries of a page that comes back empty although results are expected"},
    {"max_pdf_mb", QUIRE_CONFIG_INT, 0, "100", "largest PDF accepted, in MiB"},
};

}  // namespace
}  // namespace quire::arxiv

QUIRE_PLUGIN(quire::arxiv::ArxivFetch, "arxiv-fetch", "1.0.0",
             "arXiv papers (API or local mirror) with their PDFs", quire::arxiv::kFields,
             QUIRE_STAGE_NETWORK | QUIRE_STAGE_VOLATILE)
