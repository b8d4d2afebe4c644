// dashboard.html from a small ledger with cairo-drawn PDFs, the demo run's probes and audit
// report: the ledger rows, a highlighted crop per quote, the findings, the plots, escaping,
// self-containment and byte-identical output.
#include "dashboard.hpp"

#include <cairo.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/pdf_maker.hpp"

namespace quire::draft {
namespace {

using Json = nlohmann::json;

const char* const kQuote = "Rotary embeddings encode relative position through rotation.";

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(QUIRE_TEST_REPO) + "/tests/draft_render/fixtures/" + name,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string unbase64(const std::string& text) {
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return "";
  size_t pad =
      text.size() >= 2 ? (text[text.size() - 1] == '=') + (text[text.size() - 2] == '=') : 0;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

// The PNG data URIs of the page's <img> elements, decoded.
std::vector<std::string> crops(const std::string& page) {
  std::vector<std::string> out;
  std::regex img("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), img); it != std::sregex_iterator();
       ++it)
    out.push_back(unbase64((*it)[1].str()));
  return out;
}

struct Reader {
  const std::string* bytes;
  size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<Reader*>(closure);
  if (reader->at + length > reader->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(reader->bytes->data() + reader->at, length, data);
  reader->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// What a crop shows: the outline's bounding box, and inside it how many pixels are the
// highlight's yellow over paper and how many are dark (the quote's glyphs).
struct CropPixels {
  bool decoded = false;
  int outline_x0 = 1 << 30, outline_y0 = 1 << 30, outline_x1 = -1, outline_y1 = -1;
  int yellow = 0, dark = 0;
};

CropPixels inspect(const std::string& png) {
  CropPixels result;
  Reader reader{&png};
  cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(read_png, &reader);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return result;
  }
  result.decoded = true;
  int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  auto rgb = [&](int x, int y) {
    uint32_t p = *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4);
    return std::array<int, 3>{static_cast<int>((p >> 16) & 255), static_cast<int>((p >> 8) & 255),
                              static_cast<int>(p & 255)};
  };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto [r, g, b] = rgb(x, y);
      if (r > 200 && g > 80 && g < 150 && b < 60) {  // the orange outline
        result.outline_x0 = std::min(result.outline_x0, x);
        result.outline_y0 = std::min(result.outline_y0, y);
        result.outline_x1 = std::max(result.outline_x1, x);
        result.outline_y1 = std::max(result.outline_y1, y);
      }
    }
  for (int y = result.outline_y0 + 2; y < result.outline_y1 - 1; ++y)
    for (int x = result.outline_x0 + 2; x < result.outline_x1 - 1; ++x) {
      auto [r, g, b] = rgb(x, y);
      result.yellow += r > 245 && g > 215 && g < 245 && b > 120 && b < 190;
      result.dark += r < 110 && g < 110 && b < 110;
    }
  cairo_surface_destroy(surface);
  return result;
}

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::PdfMaker a;
    a.text(1, 72, 80, 14, "Abstract");
    a.text(1, 72, 110, 11, "We study position in small transformers.");
    a.text(1, 72, 124, 11, kQuote);
    a.text(1, 72, 138, 11, "The rest of the page is filler text.");
    pdfs_["2401.00001v1.pdf"] = a.pdf();

    inputs_.title = "RoPE test direction";
    Json papers = Json::array();
    for (const char* id : {"2401.00001v1", "2401.00002v1"})
      papers.push_back({{"id", id},
                        {"base_id", std::string(id).substr(0, 10)},
                        {"title", std::string("Paper ") + id},
                        {"abs_url", std::string("https://arxiv.org/abs/") + id},
                        {"pdf_output", std::string(id) + ".pdf"},
                        {"pdf_status", "copied"}});
    inputs_.papers_json = papers.dump();
    Json box = {{"page", 1},
                {"x", 72},
                {"y", 124 - 11 * 0.93},
                {"width", testing::PdfMaker::advance(11, kQuote)},
                {"height", 11 * 1.17}};
    Json rows = Json::array();
    rows.push_back(row("EV-a1", "2401.00001v1", "supported", "full-text", kQuote));
    rows.back()["locators"] = {{"page", 1}, {"section", "Abstract"}, {"boxes", {box}}};
    rows.back()["match_method"] = "exact";
    rows.back()["match_score"] = 1.0;
    rows.push_back(
        row("EV-b1", "2401.00002v1", "supported", "full-text", "Sinks form at the first token."));
    rows.back()["locators"] = {{"page", 1}, {"section", "Results"}, {"boxes", {box}}};
    rows.push_back(row("EV-b2", "2401.00002v1", "preliminary-linked", "abstract",
                       "A claim from the abstract only."));
    rows.back()["taxonomy_fit"] = nullptr;  // falls back to triage
    inputs_.evidence_json = rows.dump();
    inputs_.triage_json = Json::array({{{"paper_id", "2401.00001v1"}, {"fit", "in-scope"}},
                                       {{"paper_id", "2401.00002v1"}, {"fit", "weak-scope"}}})
                              .dump();
    inputs_.probes_json = fixture("dashboard_probes.json");
    inputs_.audit_report_json = fixture("dashboard_audit_report.json");
    inputs_.probe_evidence_json = Json::array({{{"row_id", "PR-rope-offset-only"},
                                                {"paper_id", "2104.09864"},
                                                {"status", "corroborated"},
                                                {"source_depth", "probe"},
                                                {"claim", "Scores depend on the offset alone."},
                                                {"reason", "deviation 2.9e-15 <= 1e-12"}}})
                                      .dump();
    inputs_.read_pdf = [this](const std::string& name) -> std::optional<std::string> {
      auto it = pdfs_.find(name);
      if (it == pdfs_.end()) return std::nullopt;
      return it->second;
    };
  }

  static Json row(const std::string& id, const std::string& paper, const std::string& status,
                  const std::string& depth, const std::string& quote) {
    return {{"row_id", id},
            {"paper_id", paper},
            {"status", status},
            {"source_depth", depth},
            {"claim", quote},
            {"source_quote", quote},
            {"taxonomy_fit", paper == "2401.00001v1" ? "in-scope" : "weak-scope"}};
  }

  std::string render() const { return render_dashboard(inputs_, settings_); }

  std::map<std::string, std::string> pdfs_;
  DashboardInputs inputs_;
  DashboardSettings settings_;
};

TEST_F(DashboardTest, LedgerTableHasEveryRowWithFilters) {
  std::string page = render();
  EXPECT_EQ(occurrences(page, "<tr data-status="), 4u);
  EXPECT_NE(
      page.find("<tr data-status=\"supported\" data-fit=\"in-scope\" data-depth=\"full-text\">"),
      std::string::npos);
  // EV-b2 has no fit of its own: triage's.
  EXPECT_NE(page.find("data-status=\"preliminary-linked\" data-fit=\"weak-scope\""),
            std::string::npos);
  EXPECT_NE(page.find("data-status=\"corroborated\" data-fit=\"probe\" data-depth=\"probe\""),
            std::string::npos);
  EXPECT_NE(page.find("<select id=\"f-status\">"), std::string::npos);
  EXPECT_NE(page.find("<select id=\"f-fit\">"), std::string::npos);
  EXPECT_NE(page.find("showing 4 of 4 rows"), std::string::npos);
  EXPECT_NE(page.find("location.hash"), std::string::npos);
  EXPECT_NE(page.find("document.body.dataset.ready = '1'"), std::string::npos);
  EXPECT_EQ(page.find("console."), std::string::npos);
}

// A probe's reason reads with 4 significant digits; the full value is in the hover title.
TEST_F(DashboardTest, ProbeNumbersReadShortWithTheFullValueOnHover) {
  Json rows = Json::parse(inputs_.probe_evidence_json);
  rows[0]["reason"] = "causal/r2 = 0.53095174201, expected >= 0.2";
  inputs_.probe_evidence_json = rows.dump();
  std::string page = render();
  EXPECT_NE(page.find("<div class=\"ptitle\" title=\"causal/r2 = 0.53095174201, expected &gt;= "
                      "0.2\">causal/r2 = 0.531, expected &gt;= 0.2</div>"),
            std::string::npos)
      << page.substr(page.find("PR-rope-offset-only"), 1200);
}

TEST_F(DashboardTest, QuoteCropHighlightsTheQuotedLine) {
  std::string page = render();
  std::vector<std::string> pngs = crops(page);
  ASSERT_EQ(pngs.size(), 1u);  // EV-b1's paper has no PDF
  ASSERT_GE(pngs[0].size(), 8u);
  EXPECT_EQ(pngs[0].substr(0, 8), "\x89PNG\r\n\x1a\n");
  CropPixels pixels = inspect(pngs[0]);
  ASSERT_TRUE(pixels.decoded);
  ASSERT_GE(pixels.outline_x1, 0) << "no highlight outline in the crop";
  // One line at 110 dpi: about 11 pt * 1.17 * 110/72 pixels high, the quote's width wide.
  EXPECT_NEAR(pixels.outline_y1 - pixels.outline_y0, 11 * 1.17 * 110 / 72, 6);
  EXPECT_NEAR(pixels.outline_x1 - pixels.outline_x0,
              testing::PdfMaker::advance(11, kQuote) * 110 / 72, 8);
  EXPECT_GT(pixels.yellow, 200) << "the highlight fill is missing";
  EXPECT_GT(pixels.dark, 100) << "the highlight does not cover the quote's glyphs";
  EXPECT_NE(page.find("alt=\"Page 1 of 2401.00001v1 with the quote highlighted\""),
            std::string::npos);
  EXPECT_NE(page.find("page 1 · section Abstract · match exact (score 1)"), std::string::npos);
  EXPECT_NE(page.find("No crop: the PDF 2401.00002v1.pdf could not be read."), std::string::npos);
}

// A quote that runs over a page break: a crop of each page, each with its part highlighted.
TEST_F(DashboardTest, AQuoteOverAPageBreakShowsBothPages) {
  const char* tail = "It continues at the top of the next page.";
  testing::PdfMaker a;
  a.text(1, 72, 124, 11, kQuote);
  a.text(2, 72, 80, 11, tail);
  pdfs_["2401.00001v1.pdf"] = a.pdf();
  Json rows = Json::parse(inputs_.evidence_json);
  Json second = {{"page", 2},
                 {"x", 72},
                 {"y", 80 - 11 * 0.93},
                 {"width", testing::PdfMaker::advance(11, tail)},
                 {"height", 11 * 1.17}};
  rows[0]["locators"]["boxes"].push_back(second);
  inputs_.evidence_json = rows.dump();
  std::string page = render();
  std::vector<std::string> pngs = crops(page);
  ASSERT_EQ(pngs.size(), 2u);
  for (const std::string& png : pngs) {
    CropPixels pixels = inspect(png);
    ASSERT_TRUE(pixels.decoded);
    EXPECT_GT(pixels.yellow, 200) << "a page's part of the quote is not highlighted";
  }
  EXPECT_NE(page.find("alt=\"Page 1 of 2401.00001v1 with the quote highlighted\""),
            std::string::npos);
  EXPECT_NE(page.find("alt=\"Page 2 of 2401.00001v1 with the quote highlighted\""),
            std::string::npos);
  EXPECT_NE(page.find("<p class=\"meta\">Page 2:</p>"), std::string::npos);
}

TEST_F(DashboardTest, UnreadablePdfGivesAReason) {
  pdfs_["2401.00002v1.pdf"] = "%PDF-1.4 this is not really a PDF";
  std::string page = render();
  EXPECT_EQ(crops(page).size(), 1u);
  EXPECT_NE(page.find("No crop: not a PDF poppler can open."), std::string::npos);
}

TEST_F(DashboardTest, MaxCropsIsRespected) {
  pdfs_["2401.00002v1.pdf"] = pdfs_["2401.00001v1.pdf"];
  EXPECT_EQ(crops(render()).size(), 2u);
  settings_.max_crops = 1;
  std::string page = render();
  EXPECT_EQ(crops(page).size(), 1u);
  EXPECT_NE(page.find("this page shows at most 1 crops (max_crops)"), std::string::npos);
}

TEST_F(DashboardTest, AuditFindingsByRound) {
  std::string page = render();
  EXPECT_NE(page.find("class=\"verdict v-needs-work\">needs-work<"), std::string::npos);
  EXPECT_NE(page.find("round 7 (probe-corroboration): 3 warnings"), std::string::npos);
  EXPECT_NE(page.find("Round 7: "), std::string::npos);
  EXPECT_EQ(occurrences(page, "<span class=\"badge sev-warning\">warning</span>"), 3u);
  EXPECT_NE(page.find("rope-deposit-in-first-layer"), std::string::npos);
  EXPECT_EQ(occurrences(page, "<div class=\"round\">"), 8u);
}

TEST_F(DashboardTest, ProbePlotsAsInlineSvg) {
  std::string page = render();
  // Six deposit-pattern tables of 2 layers x 4 heads.
  EXPECT_EQ(occurrences(page, "<svg class=\"heat\""), 6u);
  EXPECT_EQ(occurrences(page, "<rect class=\"cell\""), 6u * 2 * 4);
  EXPECT_NE(page.find("Ablation drop, rope/distance (layers \u00d7 heads)"), std::string::npos);
  EXPECT_NE(page.find("head zeroed [index within the layer]"), std::string::npos);
  EXPECT_NE(page.find("Training curves: test accuracy by step"), std::string::npos);
  EXPECT_NE(page.find("Training curves: training loss by step"), std::string::npos);
  EXPECT_NE(page.find("SVD dispersion: \u03c3\u2081\u00b2 / \u03a3\u03c3\u1d62\u00b2 by spread"),
            std::string::npos);
  EXPECT_NE(page.find("spread [token positions] (log scale)"), std::string::npos);
  EXPECT_NE(page.find("step [optimizer steps]"), std::string::npos);
  EXPECT_GE(occurrences(page, "<polyline"), 12u);
}

TEST_F(DashboardTest, MissingProbesAndAuditSaySo) {
  inputs_.probes_json.clear();
  inputs_.audit_report_json.clear();
  std::string page = render();
  EXPECT_EQ(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("No probes.json among the inputs"), std::string::npos);
  EXPECT_NE(page.find("No audit report among the inputs."), std::string::npos);
}

TEST_F(DashboardTest, SelfContained) {
  std::string page = render();
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("url(http"), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(occurrences(page, "<script>"), 1u);
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  // Links to arXiv abstract pages are plain anchors, loaded by nothing.
  EXPECT_NE(page.find("<a href=\"https://arxiv.org/abs/2401.00001v1\""), std::string::npos);
}

TEST_F(DashboardTest, EscapesEveryInputText) {
  Json papers = Json::parse(inputs_.papers_json);
  papers[0]["title"] = "<script>alert(1)</script> & \"friends\"";
  inputs_.papers_json = papers.dump();
  Json rows = Json::parse(inputs_.evidence_json);
  rows[2]["claim"] = "a < b && c > d </script>";
  rows[2]["title"] = nullptr;
  inputs_.evidence_json = rows.dump();
  inputs_.title = "<b>bold</b>";
  std::string page = render();
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;"),
            std::string::npos);
  EXPECT_NE(page.find("a &lt; b &amp;&amp; c &gt; d &lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("<h1>&lt;b&gt;bold&lt;/b&gt;</h1>"), std::string::npos);
  EXPECT_EQ(occurrences(page, "</script>"), 1u);
}

TEST_F(DashboardTest, ByteIdenticalRerun) {
  std::string first = render();
  EXPECT_EQ(render(), first);
}

TEST_F(DashboardTest, MalformedInputNamesIt) {
  auto message = [&]() -> std::string {
    try {
      render();
    } catch (const DashboardInputError& e) {
      return e.what();
    }
    return "no error";
  };
  DashboardInputs good = inputs_;
  inputs_.evidence_json = "{not json";
  EXPECT_NE(message().find("evidence.json is not JSON"), std::string::npos) << message();
  inputs_ = good;
  inputs_.papers_json = "{\"a\": 1}";
  EXPECT_NE(message().find("papers.json: expected a list"), std::string::npos) << message();
  inputs_ = good;
  inputs_.probes_json = "[]";
  EXPECT_NE(message().find("probes.json: expected an object"), std::string::npos) << message();
  inputs_ = good;
  inputs_.audit_report_json = "{\"verdict\": \"ready\"}";
  EXPECT_NE(message().find("audit_report.json"), std::string::npos) << message();
  inputs_ = good;
  inputs_.evidence_json = "[{\"row_id\": 7}]";
  EXPECT_NE(message().find("evidence.json: a row has no string row_id"), std::string::npos)
      << message();
}

}  // namespace
}  // namespace quire::draft
