#include "dashboard.hpp"

#include <map>
#include <memory>
#include <set>

#include "crop.hpp"
#include "html.hpp"
#include "inputs.hpp"
#include "plugin_common/readable_numbers.hpp"
#include "sections.hpp"

namespace quire::draft {
namespace {

using dash::escape;
using dash::Model;
using dash::Row;
using nlohmann::json;

std::string badge(const std::string& prefix, const std::string& value) {
  return "<span class=\"badge " + prefix + dash::css_token(value) + "\">" +
         escape(value.empty() ? "—" : value) + "</span>";
}

std::string tile(const std::string& key, const std::string& value, const std::string& sub) {
  return "<div class=\"tile\"><div class=\"k\">" + escape(key) + "</div><div class=\"v\">" + value +
         "</div><div class=\"s\">" + sub + "</div></div>";
}

const dash::Paper* paper_of(const Model& model, const std::string& id) {
  auto it = model.paper_index.find(id);
  return it == model.paper_index.end() ? nullptr : &model.papers[it->second];
}

// The arXiv abstract page as a plain link (nothing loads it); other URLs are not linked.
std::string paper_cell(const Model& model, const Row& row) {
  const dash::Paper* paper = paper_of(model, row.paper_id);
  // Probe rows name their source paper by title where it has no arXiv id.
  if (!paper && row.paper_id.find(' ') != std::string::npos)
    return "<div class=\"ptitle\">" + escape(row.paper_id) + "</div><div class=\"ptitle\">" +
           escape(row.title) + "</div>";
  std::string id = escape(row.paper_id.empty() ? "—" : row.paper_id);
  std::string url = paper ? paper->abs_url : "";
  if (url.rfind("https://arxiv.org/abs/", 0) == 0)
    id = "<a href=\"" + escape(url) + "\" rel=\"noreferrer\">" + id + "</a>";
  std::string title = !row.title.empty() ? row.title : paper ? paper->title : "";
  return "<span class=\"mono\">" + id + "</span><div class=\"ptitle\">" + escape(title) + "</div>";
}

std::map<std::string, size_t> counts(const std::vector<Row>& rows, std::string Row::*field) {
  std::map<std::string, size_t> out;
  for (const Row& r : rows) ++out[r.*field];
  return out;
}

std::string header(const DashboardInputs& inputs, const Model& model) {
  size_t pdfs = 0, ledger = 0, supported = 0, full_text = 0;
  for (const dash::Paper& p : model.papers)
    pdfs += !p.pdf_output.empty() && p.pdf_status != "failed";
  std::map<std::string, size_t> verdicts;
  for (const Row& r : model.rows) {
    if (r.probe) {
      ++verdicts[r.status];
      continue;
    }
    ++ledger;
    supported += r.status == "supported";
    full_text += r.depth == "full-text";
  }
  if (!model.has_probe_evidence && model.probes.is_object())
    for (const json& v : model.probes.value("verdicts", json::array()))
      if (v.is_object()) ++verdicts[dash::text_of(v, "verdict")];
  size_t claims = 0;
  for (const auto& [verdict, n] : verdicts) claims += n;
  std::string title = inputs.title.empty() ? "quire dashboard" : inputs.title;
  std::string out = "<header class=\"top\"><h1>" + escape(title) +
                    "</h1><p>Evidence ledger, quotes on their PDF pages, audit findings and probe "
                    "results of one run.</p></header>\n<nav><a href=\"#ledger\">Ledger</a><a "
                    "href=\"#quotes\">Quotes</a><a href=\"#audit\">Audit</a><a "
                    "href=\"#probes\">Probes</a></nav>\n<main>\n<div class=\"tiles\">";
  out += tile("Papers", std::to_string(model.papers.size()), std::to_string(pdfs) + " with a PDF");
  out += tile("Ledger rows", std::to_string(ledger),
              std::to_string(supported) + " supported · " + std::to_string(full_text) +
                  " checked in full text");
  std::string verdict_line = claims == 0 ? "no probe results" : "";
  for (const char* v : {"corroborated", "contradicted", "inconclusive"})
    if (claims)
      verdict_line += (verdict_line.empty() ? "" : " · ") + std::to_string(verdicts[v]) + " " + v;
  out += tile("Probe claims", std::to_string(claims), verdict_line);
  if (model.audit.is_object()) {
    std::string verdict = dash::text_of(model.audit, "verdict");
    json c = model.audit.value("counts", json::object());
    std::string sub = dash::text_of(c, "error") + " errors · " + dash::text_of(c, "warning") +
                      " warnings · " + dash::text_of(c, "info") + " info";
    out += tile("Audit verdict", badge("v-", verdict), escape(sub));
  } else {
    out += tile("Audit verdict", "—", "no audit report among the inputs");
  }
  return out + "</div>\n";
}

std::string filter(const char* key, const char* label,
                   const std::map<std::string, size_t>& values) {
  std::string out = "<label>" + std::string(label) + "<select id=\"f-" + key +
                    "\"><option value=\"\">all</option>";
  for (const auto& [value, n] : values)
    out += "<option value=\"" + escape(value) + "\">" + escape(value.empty() ? "(none)" : value) +
           " (" + std::to_string(n) + ")</option>";
  return out + "</select></label>";
}

std::string ledger_section(const Model& model, const std::set<std::string>& quoted) {
  std::string out = "<section class=\"block\" id=\"ledger\"><h2>Evidence ledger</h2>";
  if (model.rows.empty()) return out + "<p class=\"empty\">The ledger has no rows.</p></section>\n";
  out +=
      "<div class=\"filters\">" + filter("status", "status", counts(model.rows, &Row::status)) +
      filter("fit", "fit", counts(model.rows, &Row::fit)) +
      filter("depth", "depth", counts(model.rows, &Row::depth)) +
      "<label>search<input id=\"f-q\" type=\"search\" placeholder=\"claim, paper, row id\"></label>"
      "<span id=\"ledger-count\">showing " +
      std::to_string(model.rows.size()) + " of " + std::to_string(model.rows.size()) +
      " rows</span></div>";
  out +=
      "<table id=\"ledger-table\"><thead><tr><th>row</th><th>paper</th><th>fit</th><th>status</th>"
      "<th>depth</th><th>page</th><th>section</th><th>claim</th></tr></thead><tbody>\n";
  for (const Row& r : model.rows) {
    std::string id = escape(r.row_id);
    if (quoted.count(r.row_id)) id = "<a href=\"#q-" + escape(r.row_id) + "\">" + id + "</a>";
    std::string claim = escape(r.claim);
    if (r.probe && !r.probe_reason.empty()) {
      // Long numbers read short; the full text is a hover away (and in the ledger files).
      std::string shown = common::readable_numbers(r.probe_reason);
      std::string full = shown == r.probe_reason ? "" : " title=\"" + escape(r.probe_reason) + "\"";
      claim += "<div class=\"ptitle\"" + full + ">" + escape(shown) + "</div>";
    }
    out += "<tr data-status=\"" + escape(r.status) + "\" data-fit=\"" + escape(r.fit) +
           "\" data-depth=\"" + escape(r.depth) + "\"><td class=\"mono rowid\">" + id +
           "</td><td>" + paper_cell(model, r) + "</td><td>" + badge("fit-", r.fit) + "</td><td>" +
           badge("st-", r.status) + "</td><td class=\"nowrap\">" + escape(r.depth) +
           "</td><td class=\"num\">" + (r.page > 0 ? std::to_string(r.page) : "—") + "</td><td>" +
           escape(r.section) + "</td><td class=\"claim\">" + claim + "</td></tr>\n";
  }
  return out + "</tbody></table></section>\n";
}

// Renders the crops, opening each PDF once.
class QuoteRenderer {
 public:
  QuoteRenderer(const DashboardInputs& inputs, const DashboardSettings& settings,
                const Model& model)
      : inputs_(inputs), settings_(settings), model_(model) {}

  std::string card(const Row& r) {
    const dash::Paper* paper = paper_of(model_, r.paper_id);
    std::string meta = "page " + (r.page > 0 ? std::to_string(r.page) : std::string("?"));
    if (!r.section.empty()) meta += " · section " + r.section;
    if (!r.match_method.empty()) meta += " · match " + r.match_method;
    if (!std::isnan(r.match_score)) meta += " (score " + dash::number(r.match_score, 3) + ")";
    std::string out = "<article class=\"quote\" id=\"q-" + escape(r.row_id) +
                      "\"><div><span class=\"mono\">" + escape(r.row_id) + "</span> · " +
                      paper_cell(model_, r) + "</div><blockquote>" +
                      escape(r.quote.empty() ? r.claim : r.quote) +
                      "</blockquote><p class=\"meta\">" + escape(meta) + "</p>";
    return out + crop_html(r, paper) + "</article>\n";
  }

 private:
  std::string crop_html(const Row& r, const dash::Paper* paper) {
    std::string why;
    if (r.boxes.empty())
      why = "the row has no word boxes";
    else if (!paper)
      why = "paper " + r.paper_id + " is not in papers.json";
    else if (paper->pdf_output.empty())
      why = "the paper has no stored PDF" +
            (paper->pdf_error.empty() ? "" : " (" + paper->pdf_error + ")");
    else if (crops_ >= settings_.max_crops)
      why = "this page shows at most " + std::to_string(settings_.max_crops) + " crops (max_crops)";
    if (!why.empty()) return "<p class=\"reason\">No crop: " + escape(why) + ".</p>";
    const dash::PdfCropper* pdf = cropper(paper->pdf_output);
    if (!pdf)
      return "<p class=\"reason\">No crop: the PDF " + escape(paper->pdf_output) +
             " could not be read.</p>";
    ++crops_;
    std::vector<dash::Crop> crops = pdf->crops(r.boxes, settings_.crop_dpi);
    std::string out;
    for (const dash::Crop& crop : crops) {
      if (!crop.error.empty()) {
        out += "<p class=\"reason\">No crop: " + escape(crop.error) + ".</p>";
        continue;
      }
      if (crops.size() > 1)  // a quote over a page break: say where each part is
        out += "<p class=\"meta\">Page " + std::to_string(crop.page) + ":</p>";
      std::string alt =
          "Page " + std::to_string(crop.page) + " of " + r.paper_id + " with the quote highlighted";
      out += "<img class=\"crop\" width=\"" + std::to_string(crop.width) + "\" height=\"" +
             std::to_string(crop.height) + "\" alt=\"" + escape(alt) +
             "\" src=\"data:image/png;base64," + dash::base64(crop.png) + "\">";
    }
    return out;
  }

  // The opened PDF, or null when read_pdf could not give its bytes.
  const dash::PdfCropper* cropper(const std::string& pdf_output) {
    auto it = croppers_.find(pdf_output);
    if (it != croppers_.end()) return it->second.get();
    std::optional<std::string> bytes;
    if (inputs_.read_pdf) bytes = inputs_.read_pdf(pdf_output);
    auto& slot = croppers_[pdf_output];
    if (bytes) slot = std::make_unique<dash::PdfCropper>(std::move(*bytes));
    return slot.get();
  }

  const DashboardInputs& inputs_;
  const DashboardSettings& settings_;
  const Model& model_;
  std::map<std::string, std::unique_ptr<dash::PdfCropper>> croppers_;
  size_t crops_ = 0;
};

std::string quotes_section(const DashboardInputs& inputs, const DashboardSettings& settings,
                           const Model& model, const std::vector<const Row*>& quoted) {
  std::string out = "<section class=\"block\" id=\"quotes\"><h2>Supported quotes (" +
                    std::to_string(quoted.size()) + ")</h2>";
  if (quoted.empty())
    return out +
           "<p class=\"empty\">No row is supported by a quote found in its PDF.</p></section>\n";
  out += "<p class=\"summary\">Each quote on a crop of its PDF page, the matched words highlighted";
  if (quoted.size() > settings.max_crops)
    out += "; crops for the first " + std::to_string(settings.max_crops) + " quotes only";
  out += ".</p><div class=\"quotes\">\n";
  QuoteRenderer renderer(inputs, settings, model);
  for (const Row* r : quoted) out += renderer.card(*r);
  return out + "</div></section>\n";
}

}  // namespace

std::string render_dashboard(const DashboardInputs& inputs, const DashboardSettings& settings) {
  Model model = dash::parse_inputs(inputs);
  std::vector<const Row*> quoted;
  std::set<std::string> quoted_ids;
  for (const Row& r : model.rows)
    if (!r.probe && r.status == "supported") {
      quoted.push_back(&r);
      quoted_ids.insert(r.row_id);
    }
  std::string title = inputs.title.empty() ? "quire dashboard" : inputs.title;
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      escape(title) + "</title><style>" + dash::page_style() + "</style></head>\n<body>\n";
  page += header(inputs, model);
  page += ledger_section(model, quoted_ids);
  page += quotes_section(inputs, settings, model, quoted);
  page += dash::audit_section(model);
  page += dash::probes_section(model);
  page +=
      "</main>\n<footer>Written by quire's draft-render stage from the run's outputs. The page "
      "is self-contained: it loads nothing from the network.</footer>\n<script>" +
      std::string(dash::page_script()) + "</script>\n</body></html>\n";
  return page;
}

}  // namespace quire::draft
