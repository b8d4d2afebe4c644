// dashboard.html: one self-contained page (inline CSS, JS and SVG; images as data: URIs; no
// network) showing the ledger, each supported quote on a crop of its PDF page, the audit findings
// and the probe plots. Pure: the caller hands in the inputs' text and a way to read PDFs, so the
// page is byte-identical for the same inputs.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace quire::draft {

// An input the dashboard cannot read (not JSON, wrong shape). The message names the input.
class DashboardInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DashboardInputs {
  std::string title;                // the workflow's title (or the stage's configured title)
  std::string papers_json;          // fetch's papers.json (required)
  std::string evidence_json;        // verify's (or seed's) evidence.json rows (required)
  std::string triage_json;          // triage.json, or "" when absent
  std::string probes_json;          // gpu-probe's probes.json, or "" when absent
  std::string probe_evidence_json;  // gpu-probe's probe_evidence.json, or "" when absent
  std::string audit_report_json;    // the final audit_report.json (rounds 1-8), or ""
  // The bytes of a paper's PDF blob (papers.json `pdf_output`), nullopt when unreadable (the
  // quote is then shown without a crop, saying why).
  std::function<std::optional<std::string>(const std::string& pdf_output)> read_pdf;
};

struct DashboardSettings {
  double crop_dpi = 110;   // resolution of the quote crops
  size_t max_crops = 200;  // beyond it, quotes are listed without crops (the page says so)
};

// Renders the page. Throws DashboardInputError for malformed inputs.
std::string render_dashboard(const DashboardInputs& inputs, const DashboardSettings& settings);

}  // namespace quire::draft
