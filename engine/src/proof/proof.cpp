#include "proof/proof.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "proof/csv_reader.hpp"
#include "util/digest.hpp"
#include "util/files.hpp"
#include "util/json.hpp"

namespace quire {

namespace {

double round4(double value) { return std::round(value * 10000) / 10000; }

std::string score_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

// "3" -> 3; nullopt for anything that is not a plain positive page number.
std::optional<int> page_number(const std::string& text) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != text.npos)
    return std::nullopt;
  int page = std::stoi(text);
  return page > 0 ? std::optional<int>(page) : std::nullopt;
}

std::string pages_text(const std::vector<int>& pages) {
  std::string out;
  for (int p : pages) out += (out.empty() ? "" : ", ") + std::to_string(p);
  return out;
}

// A PDF's pages, or why the rows citing it fail before their quotes are looked at.
struct LoadedPdf {
  std::string failure;
  PdfPages text;
};

// Finds, verifies and reads each PDF once, however many rows cite it. Read-only: proof never
// quarantines or writes anything in the cache.
class PdfSource {
 public:
  PdfSource(const RunLayout& run, fs::path cache, const ProofReader& reader)
      : run_(run), cache_(std::move(cache)), reader_(reader) {}

  const LoadedPdf& load(const std::string& digest, const std::string& pdf_output) {
    auto hex = digest_hex(digest);
    if (hex.empty())
      return failed("bad-digest:" + digest,
                    "pdf_digest '" + digest + "' is not of the form sha256:<64 hex>");
    // The object's place as Cache::object_path gives it (cache/cache.hpp); Cache::open is not
    // used because it creates the cache's directories.
    fs::path object = cache_ / "objects" / std::string(hex.substr(0, 2)) / std::string(hex);
    std::error_code ec;
    if (fs::exists(object, ec)) return read_verified(object, digest, "cached PDF " + digest);
    auto copy = pdf_output.empty() ? std::nullopt : run_.output_copy(pdf_output, digest);
    if (copy && fs::exists(*copy, ec)) {
      std::string name = copy->lexically_relative(run_.dir).generic_string();
      return read_verified(*copy, digest, "run-dir copy " + name + " of PDF " + digest);
    }
    return failed("missing:" + digest + "\n" + pdf_output,
                  "PDF " + digest + " is neither in the cache nor in the run directory" +
                      (pdf_output.empty() ? " (the row names no pdf_output)"
                                          : " (no stage output " + pdf_output + ")"));
  }

 private:
  const LoadedPdf& failed(const std::string& key, std::string failure) {
    auto [it, added] = loaded_.try_emplace(key);
    if (added) it->second.failure = std::move(failure);
    return it->second;
  }

  const LoadedPdf& read_verified(const fs::path& file, const std::string& digest,
                                 const std::string& what) {
    auto [it, added] = loaded_.try_emplace(file.string());
    if (!added) return it->second;
    LoadedPdf& pdf = it->second;
    auto bytes = read_file(file);
    if (!bytes) {
      pdf.failure = what + " cannot be read";
    } else if (digest_of(*bytes) != digest) {
      pdf.failure = what + " does not match its digest (corrupt)";
    } else {
      pdf.text = reader_.read_pages(*bytes);
      if (!pdf.text.ok) pdf.failure = what + " cannot be read as a PDF: " + pdf.text.error;
    }
    return pdf;
  }

  const RunLayout& run_;
  fs::path cache_;
  const ProofReader& reader_;
  std::map<std::string, LoadedPdf> loaded_;
};

// The matrix's columns that proof reads, by index.
struct Columns {
  size_t row_id, paper_id, status, source_quote, page, section, checked_at, pdf_digest, pdf_output;
};

ProofRow check_row(const std::vector<std::string>& f, const Columns& c, PdfSource& pdfs,
                   const ProofReader& reader, double jaccard) {
  ProofRow row;
  row.row_id = f[c.row_id];
  row.paper_id = f[c.paper_id];
  row.pdf_digest = f[c.pdf_digest];
  row.page = page_number(f[c.page]);
  row.section = f[c.section];
  row.checked_at = f[c.checked_at];
  if (f[c.page].empty())
    row.reasons.push_back("missing locator: page is empty");
  else if (!row.page)
    row.reasons.push_back("bad locator: page '" + f[c.page] + "' is not a page number");
  if (row.section.empty()) row.reasons.push_back("missing locator: section is empty");
  if (row.checked_at.empty())
    row.reasons.push_back("missing locator: full_text_checked_at is empty");

  const LoadedPdf& pdf = pdfs.load(f[c.pdf_digest], f[c.pdf_output]);
  const std::string& quote = f[c.source_quote];
  if (!pdf.failure.empty()) {
    row.reasons.push_back(pdf.failure);
  } else if (quote.empty()) {
    row.reasons.push_back("source_quote is empty");
  } else {
    QuoteFound found = reader.find_quote(quote, pdf.text.pages, jaccard);
    row.method = found.found ? found.method : "none";
    row.score = round4(found.score);
    row.found_pages = found.pages;
    if (!found.found)
      row.reasons.push_back("quote not found in the PDF (best window Jaccard " +
                            score_text(found.score) + " < " + score_text(jaccard) + ")");
    else if (row.page &&
             std::find(found.pages.begin(), found.pages.end(), *row.page) == found.pages.end())
      row.reasons.push_back("recorded page " + std::to_string(*row.page) +
                            " is not among the pages where the quote was found (" +
                            pages_text(found.pages) + ")");
  }
  row.pass = row.reasons.empty();
  return row;
}

StatusOr<Columns> find_columns(const CsvTable& table, const std::string& name) {
  std::vector<size_t> index;
  std::string missing;
  for (const auto& column : proof_columns()) {
    auto at = table.column(column);
    if (!at) missing += (missing.empty() ? "" : ", ") + column;
    index.push_back(at.value_or(0));
  }
  if (!missing.empty())
    return Status::bad_workflow(name + ":1: the header has no column " + missing);
  return Columns{index[0], index[1], index[2], index[3], index[4],
                 index[5], index[6], index[7], index[8]};
}

// The matrix's path as proof.json records it: relative to the run directory, never absolute.
std::string relative_name(const fs::path& matrix, const fs::path& run_dir) {
  std::error_code ec;
  fs::path m = fs::weakly_canonical(fs::absolute(matrix), ec);
  fs::path r = fs::weakly_canonical(run_dir, ec);
  fs::path rel = m.lexically_relative(r);
  return rel.empty() ? matrix.filename().generic_string() : rel.generic_string();
}

}  // namespace

const std::vector<std::string>& proof_columns() {
  static const std::vector<std::string> columns = {"row_id",
                                                   "paper_id",
                                                   "status",
                                                   "source_quote",
                                                   "page",
                                                   "section",
                                                   "full_text_checked_at",
                                                   "pdf_digest",
                                                   "pdf_output"};
  return columns;
}

StatusOr<Proof> prove(const RunLayout& run, const ProofOptions& options,
                      const ProofReader& reader) {
  const std::string name = options.matrix.string();
  auto text = read_file(options.matrix);
  if (!text) return Status::bad_workflow("cannot read the evidence matrix " + name);
  auto table = parse_csv(*text, name);
  if (!table.ok()) return table.status();
  auto columns = find_columns(*table, name);
  if (!columns.ok()) return columns.status();

  Proof proof;
  proof.matrix = relative_name(options.matrix, run.dir);
  proof.matrix_digest = digest_of(*text);
  proof.jaccard = options.jaccard;
  proof.threshold = options.threshold;
  proof.matrix_rows = table->records.size();

  // Probe rows (corroborated, contradicted, ...) and unverified rows are not proof's business.
  std::vector<const CsvRecord*> supported;
  for (const auto& record : table->records)
    if (record.fields[columns->status] == "supported") supported.push_back(&record);
  std::stable_sort(supported.begin(), supported.end(), [&](const auto* a, const auto* b) {
    return a->fields[columns->row_id] < b->fields[columns->row_id];
  });
  PdfSource pdfs(run, options.cache, reader);
  for (const auto* record : supported) {
    proof.rows.push_back(check_row(record->fields, *columns, pdfs, reader, options.jaccard));
    proof.passed += proof.rows.back().pass;
  }

  if (proof.rows.empty()) {
    proof.verdict = "nothing-to-prove";
    return proof;
  }
  proof.proof_score = round4(static_cast<double>(proof.passed) / proof.rows.size());
  proof.verdict = proof.proof_score >= options.threshold ? "proven" : "below-threshold";
  return proof;
}

std::string Proof::json_text() const {
  Json rows_json = Json::array();
  for (const auto& r : rows)
    rows_json.push_back({{"row_id", r.row_id},
                         {"paper_id", r.paper_id},
                         {"pdf_digest", r.pdf_digest},
                         {"page", r.page ? Json(*r.page) : Json()},
                         {"section", r.section},
                         {"checked_at", r.checked_at},
                         {"method", r.method},
                         {"score", r.score},
                         {"found_pages", r.found_pages},
                         {"pass", r.pass},
                         {"reasons", r.reasons}});
  Json json = {{"counts",
                {{"matrix_rows", matrix_rows},
                 {"supported", rows.size()},
                 {"passed", passed},
                 {"failed", rows.size() - passed},
                 {"ignored", matrix_rows - rows.size()}}},
               {"jaccard", jaccard},
               {"matrix", matrix},
               {"matrix_digest", matrix_digest},
               {"proof_score", proof_score},
               {"rows", std::move(rows_json)},
               {"threshold", threshold},
               {"verdict", verdict}};
  if (draft)
    json["draft"] = {{"file", draft->draft},
                     {"edited", draft->edited},
                     {"statements_checked", draft->statements_checked},
                     {"mismatches", draft->mismatches},
                     {"problems", draft->problems},
                     {"consistent", draft->consistent()}};
  // pretty() but tolerant: a hand-edited matrix may hold bytes that are not UTF-8, which become
  // U+FFFD here instead of aborting the proof.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace quire
