#include "records.hpp"

#include <nlohmann/json.hpp>

#include "pdf.hpp"
#include "tex_clean.hpp"
#include "text.hpp"

namespace quire::arxiv {
namespace {

using Json = nlohmann::json;

// Absent optional text is null, so consumers can tell "none" from "empty".
Json text_or_null(const std::string& text) { return text.empty() ? Json() : Json(text); }

Json record_json(const PaperRecord& record, const std::string& mode) {
  const AtomEntry& e = record.paper.entry;
  Json authors = Json::array();
  for (const auto& a : e.authors)
    authors.push_back({{"name", a.name}, {"affiliations", a.affiliations}});
  Json matched_by = Json::array();
  if (record.paper.from_search) matched_by.push_back("search");
  if (record.paper.requested) matched_by.push_back("id");
  bool has_pdf = !record.pdf.output.empty();
  return {
      {"id", e.id->str()},
      {"base_id", e.id->base},
      {"version", e.id->versioned() ? Json(e.id->version) : Json()},
      {"title", e.title},
      {"authors", authors},
      {"abstract", clean_tex(e.summary)},
      {"abstract_tex", e.summary},
      {"categories", e.categories},
      {"primary_category", text_or_null(e.primary_category)},
      {"published", text_or_null(e.published)},
      {"updated", text_or_null(e.updated)},
      {"comment", text_or_null(e.comment)},
      {"journal_ref", text_or_null(e.journal_ref)},
      {"doi", text_or_null(e.doi)},
      {"pdf_url", record.pdf_url},
      {"abs_url", record.abs_url},
      {"pdf_status", record.pdf.status},
      {"pdf_output", text_or_null(record.pdf.output)},
      {"pdf_digest", text_or_null(record.pdf.digest)},
      {"pdf_bytes", has_pdf ? Json(record.pdf.bytes) : Json()},
      {"pdf_error", text_or_null(record.pdf.error)},
      {"matched_by", matched_by},
      {"source", mode == "mirror" ? "mirror:" + e.source : e.source},
  };
}

Json error_json(const PaperError& error) {
  return {{"id", error.id}, {"stage", error.stage}, {"message", error.message}};
}

Json query_json(const FetchSettings& settings, const std::string& mode) {
  const FetchQuery& q = settings.query;
  Json ids = Json::array();
  for (const auto& id : q.ids) ids.push_back(id.str());
  Json query = {
      {"categories", q.categories},
      {"phrases", q.phrases},
      {"ids", ids},
      {"date_from", text_or_null(q.date_from)},
      {"date_to", text_or_null(q.date_to)},
      {"max_results", q.max_results},
      {"search_query", text_or_null(search_query(q))},
      {"sort", "submittedDate descending"},
  };
  if (mode == "api") {
    query["api_url"] = q.api_url;
    query["page_size"] = q.page_size;
  } else {
    query["mirror"] = settings.mirror;
  }
  return query;
}

Json requests_json(const std::vector<RequestLog>& requests) {
  Json list = Json::array();
  for (const auto& r : requests)
    list.push_back({{"kind", r.kind},
                    {"url", r.url},
                    {"status", r.status},
                    {"entries", r.entries},
                    {"total_results", r.total_results < 0 ? Json() : Json(r.total_results)},
                    {"start_index", r.start_index < 0 ? Json() : Json(r.start_index)},
                    {"attempt", r.attempt}});
  return list;
}

std::string dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::vector<PaperRecord> make_records(const Selection& selection, const std::string& pdf_base) {
  std::vector<PaperRecord> records;
  for (const auto& paper : selection.papers) {
    PaperRecord record;
    record.paper = paper;
    record.pdf_url = pdf_url(pdf_base, *paper.entry.id);
    record.abs_url = abs_url(*paper.entry.id);
    records.push_back(std::move(record));
  }
  return records;
}

std::string papers_json(const std::vector<PaperRecord>& records, const std::string& mode) {
  Json list = Json::array();
  for (const auto& record : records) list.push_back(record_json(record, mode));
  return dump(list);
}

std::string report_json(const FetchSettings& settings, const std::string& mode,
                        const Gathered& gathered, const Selection& selection,
                        const std::vector<PaperRecord>& records) {
  Json errors = Json::array();
  for (const auto& rejected : settings.rejected_ids)
    errors.push_back({{"id", rejected},
                      {"stage", "id"},
                      {"message", "'" + rejected +
                                      "' is not an arXiv id (like 2104.09864, 2104.09864v5 or "
                                      "astro-ph/0601001v1); not fetched"}});
  for (const auto& error : selection.errors) errors.push_back(error_json(error));
  int64_t from_search = 0, requested = 0;
  std::map<std::string, int64_t> pdf_counts = {
      {"downloaded", 0}, {"copied", 0}, {"failed", 0}, {"skipped", 0}};
  for (const auto& record : records) {
    from_search += record.paper.from_search;
    requested += record.paper.requested;
    ++pdf_counts[record.pdf.status];
    if (record.pdf.status == "failed")
      errors.push_back(
          {{"id", record.paper.entry.id->str()}, {"stage", "pdf"}, {"message", record.pdf.error}});
  }
  Json duplicates = Json::array();
  for (const auto& d : selection.duplicates)
    duplicates.push_back({{"kept", d.kept}, {"dropped", d.dropped}});
  Json notices = Json::array();
  for (const auto& n : selection.notices)
    notices.push_back(
        {{"base_id", n.base_id}, {"kept", n.kept}, {"latest", n.latest}, {"message", n.message}});
  Json report = {
      {"mode", mode},
      {"query", query_json(settings, mode)},
      {"total_results", gathered.total_results < 0 ? Json() : Json(gathered.total_results)},
      {"pages_fetched", gathered.pages},
      {"counts",
       {{"entries_listed", gathered.listing.size()},
        {"entries_looked_up", gathered.lookups.size()},
        {"papers", records.size()},
        {"from_search", from_search},
        {"requested", requested},
        {"duplicates_dropped", selection.duplicates_dropped},
        {"pdfs_downloaded", pdf_counts["downloaded"]},
        {"pdfs_copied", pdf_counts["copied"]},
        {"pdfs_failed", pdf_counts["failed"]},
        {"pdfs_skipped", pdf_counts["skipped"]},
        {"errors", errors.size()},
        {"notices", notices.size()}}},
      {"duplicates", duplicates},
      {"notices", notices},
      {"errors", errors},
      {"warnings", gathered.warnings},
      {"repaired_texts", gathered.repaired_texts},
  };
  if (mode == "api")
    report["requests"] = requests_json(gathered.requests);
  else
    report["feeds"] = gathered.feeds;
  return dump(report);
}

}  // namespace quire::arxiv
