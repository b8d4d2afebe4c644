// Round 3: every supported row's quote is looked for again in its cached PDF, with the audit's
// own reader and matcher (recheck.hpp), and the PDF's bytes are checked against the row's digest.
#include <cstdio>
#include <plugin_common/sha256.hpp>

#include "page_text.hpp"
#include "recheck.hpp"
#include "rounds.hpp"

namespace quire::audit {
namespace {

// One paper's PDF as read for this audit: its digest and pages, or why there are none.
struct PdfRead {
  std::string digest;  // "sha256:<hex>" of the bytes read; "" when unreadable
  PageTexts text;
};

std::string pages_text(const std::vector<int>& pages) {
  std::string s;
  for (int p : pages) s += (s.empty() ? "" : ", ") + std::to_string(p);
  return s;
}

std::string score_text(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

}  // namespace

Round round_quotes(const Ledger& ledger, const AuditInputs& inputs, const AuditSettings& settings) {
  Round r{3, "quote-reverification", "Independent quote re-verification", {}, Json::object()};
  std::map<std::string, PdfRead> pdfs;  // by pdf_output
  auto read = [&](const std::string& output) -> const PdfRead& {
    auto it = pdfs.find(output);
    if (it != pdfs.end()) return it->second;
    PdfRead pdf;
    std::optional<std::string> bytes = inputs.read_pdf ? inputs.read_pdf(output) : std::nullopt;
    if (!bytes) {
      pdf.text.error = "the PDF blob " + output + " cannot be read";
    } else {
      pdf.digest = common::sha256_digest(*bytes);
      pdf.text = read_page_texts(*bytes);
    }
    return pdfs.emplace(output, std::move(pdf)).first->second;
  };

  size_t checked = 0, passed = 0, digest_bad = 0, unreadable = 0, not_found = 0, wrong_page = 0;
  std::map<std::string, size_t> methods;
  for (const Json& row : ledger.rows) {
    if (text_of(row, "status") != "supported") continue;
    ++checked;
    std::string id = text_of(row, "row_id"), paper_id = text_of(row, "paper_id");
    auto paper = ledger.paper_index.find(paper_id);
    std::string output = paper == ledger.paper_index.end()
                             ? ""
                             : text_of(ledger.papers[paper->second], "pdf_output");
    if (output.empty()) {
      ++unreadable;
      r.add("no-pdf", "error", id, "supported, but papers.json names no PDF for " + paper_id);
      continue;
    }
    const PdfRead& pdf = read(output);
    bool ok = true;
    std::string digest = text_of(row, "pdf_digest");
    if (!pdf.digest.empty() && digest != pdf.digest) {
      ok = false;
      ++digest_bad;
      r.add("pdf-digest-mismatch", "error", id,
            digest.empty() ? "the row records no pdf_digest (the PDF is " + pdf.digest + ")"
                           : "the row was checked against " + digest + " but " + output +
                                 " is now " + pdf.digest);
    }
    if (!pdf.text.ok) {
      ++unreadable;
      r.add("pdf-unreadable", "error", id, output + ": " + pdf.text.error);
      continue;
    }
    Recheck found = recheck_quote(text_of(row, "source_quote"), pdf.text.pages, settings.jaccard);
    ++methods[found.method];
    if (!found.found) {
      ok = false;
      ++not_found;
      r.add("quote-not-found", "error", id,
            "marked supported, but the quote is not in " + output + " (best window Jaccard " +
                score_text(found.score) + ")");
    } else {
      const Json* loc =
          row.contains("locators") && row["locators"].is_object() ? &row["locators"] : nullptr;
      int page = loc && loc->contains("page") && (*loc)["page"].is_number_integer()
                     ? (*loc)["page"].get<int>()
                     : 0;
      bool on_page = false;
      for (int p : found.pages) on_page = on_page || p == page;
      if (!on_page) {
        ok = false;
        ++wrong_page;
        r.add("page-mismatch", "error", id,
              "the row says page " + (page ? std::to_string(page) : std::string("(none)")) +
                  ", the quote was found (" + found.method + ") on page " +
                  pages_text(found.pages));
      }
    }
    passed += ok;
  }
  r.summary = {{"checked", checked},
               {"passed", passed},
               {"digest_mismatch", digest_bad},
               {"unreadable", unreadable},
               {"not_found", not_found},
               {"page_mismatch", wrong_page},
               {"matched_by_chars", methods["chars"]},
               {"matched_by_window", methods["window"]}};
  return r;
}

}  // namespace quire::audit
