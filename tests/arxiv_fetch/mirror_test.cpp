// The mirror source on its own: file:// URLs, the directory scan, the local query and copies.
#include <gtest/gtest.h>

#include <quire/context.hpp>

#include "mirror_source.hpp"
#include "pdf.hpp"
#include "records.hpp"
#include "support/temp_dir.hpp"

namespace quire::arxiv {
namespace {

namespace fs = std::filesystem;
using quire::testing::TempDir;
using quire::testing::write_text;

const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

std::string entry_xml(const std::string& id, const std::string& title, const std::string& cat,
                      const std::string& published = "2024-01-02T00:00:00Z") {
  return "<entry><id>http://arxiv.org/abs/" + id + "</id><title>" + title +
         "</title><summary>About " + title + ".</summary><published>" + published +
         "</published><category term=\"" + cat + "\"/></entry>";
}

std::string feed(const std::string& entries) {
  return "<feed xmlns=\"http://www.w3.org/2005/Atom\">" + entries + "</feed>";
}

TEST(MirrorTest, RootsFromPathsAndFileUrls) {
  EXPECT_EQ(mirror_root("/data/mirror"), fs::path("/data/mirror"));
  EXPECT_EQ(mirror_root("relative/dir"), fs::path("relative/dir"));
  EXPECT_EQ(mirror_root("file:///data/my%20mirror"), fs::path("/data/my mirror"));
  EXPECT_EQ(mirror_root("file://localhost/data/m"), fs::path("/data/m"));
  EXPECT_EQ(mirror_root("file:/data/m"), fs::path("/data/m"));
  EXPECT_THROW(mirror_root("file://example.org/data"), QueryError);
  EXPECT_THROW(mirror_root("file:relative"), QueryError);
  EXPECT_THROW(mirror_root("file:///a%00b"), QueryError);
}

TEST(MirrorTest, ScanFindsFeedsAndPdfsRecursively) {
  TempDir dir;
  write_text(dir / "b.xml", feed(""));
  write_text(dir / "sub/a.XML", feed(""));
  write_text(dir / "pdf/2401.00001v1.pdf", kPdf);
  write_text(dir / "notes.txt", "ignored");
  Mirror m = scan_mirror(dir.path());
  EXPECT_EQ(m.feeds, (std::vector<std::string>{"b.xml", "sub/a.XML"}));
  ASSERT_EQ(m.pdfs.count("2401.00001v1.pdf"), 1u);
  EXPECT_EQ(m.pdfs.at("2401.00001v1.pdf"), std::vector<std::string>{"pdf/2401.00001v1.pdf"});
}

TEST(MirrorTest, ScanErrors) {
  TempDir dir;
  EXPECT_THROW(scan_mirror(dir / "missing"), StageError);
  try {
    scan_mirror(dir.path());
    ADD_FAILURE();
  } catch (const StageError& e) {
    EXPECT_NE(std::string(e.what()).find("holds no Atom feed (*.xml)"), std::string::npos);
  }
}

TEST(MirrorTest, GatherAppliesTheQueryAndReportsBadFeeds) {
  TempDir dir;
  write_text(dir / "one.xml", feed(entry_xml("2401.00001v1", "Rotary position embedding", "cs.CL") +
                                   entry_xml("2401.00002v1", "Something else", "cs.CL")));
  write_text(dir / "two.xml",
             feed(entry_xml("2401.00001v2", "Rotary position embedding, revised", "cs.CL")));
  write_text(dir / "zz_error.xml",
             "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>"
             "https://arxiv.org/api/errors#x</id><title>Error</title><summary>bad query"
             "</summary></entry></feed>");
  FetchSettings settings;
  settings.query.phrases = {"rotary position embedding"};
  Gathered g = gather_from_mirror(scan_mirror(dir.path()), settings);
  EXPECT_EQ(g.feeds, (std::vector<std::string>{"one.xml", "two.xml"}));
  ASSERT_EQ(g.warnings.size(), 1u);
  EXPECT_EQ(g.warnings[0],
            "mirror feed zz_error.xml is an arXiv API error response (bad query); skipped");
  EXPECT_EQ(g.listing.size(), 2u);
  EXPECT_EQ(g.lookups.size(), 3u);
  EXPECT_EQ(g.total_results, 2);
  EXPECT_EQ(g.listing[0].source, "one.xml");
  Selection s = select_papers(g.listing, g.lookups, {}, 10);
  ASSERT_EQ(s.papers.size(), 1u);
  EXPECT_EQ(s.papers[0].entry.id->str(), "2401.00001v2");
  EXPECT_EQ(s.notices.size(), 1u);

  write_text(dir / "broken.xml", "<feed><entry></feed>");
  try {
    gather_from_mirror(scan_mirror(dir.path()), settings);
    ADD_FAILURE();
  } catch (const StageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "mirror feed broken.xml: malformed XML at line 1: Start-end tags mismatch");
  }
}

TEST(MirrorTest, CopiesCheckEveryPdf) {
  TempDir dir;
  write_text(dir / "feed.xml", feed(""));
  write_text(dir / "2401.00001v1.pdf", kPdf);
  write_text(dir / "2401.00002v1.pdf", kPdf.substr(0, 25));
  write_text(dir / "a/2401.00003v1.pdf", kPdf);
  write_text(dir / "b/2401.00003v1.pdf", kPdf);
  write_text(dir / "astro-ph_0601001v1.pdf", kPdf + std::string(3000, ' '));
  Selection selection;
  for (const char* id :
       {"2401.00001v1", "2401.00002v1", "2401.00003v1", "2401.00004v1", "astro-ph/0601001v1"}) {
    SelectedPaper paper;
    paper.entry.id = parse_arxiv_id(id);
    selection.papers.push_back(paper);
  }
  auto records = make_records(selection, "https://arxiv.org/pdf/");
  FetchSettings settings;
  settings.max_pdf_bytes = 1000;
  std::map<std::string, std::string> blobs;
  copy_mirror_pdfs(
      records, scan_mirror(dir.path()), settings,
      [&](const std::string& n, const std::string& b) { blobs[n] = b; }, nullptr);
  EXPECT_EQ(records[0].pdf.status, "copied");
  EXPECT_EQ(records[0].pdf.digest, sha256_digest(kPdf));
  EXPECT_EQ(records[0].pdf.bytes, kPdf.size());
  EXPECT_EQ(records[1].pdf.status, "failed");
  EXPECT_EQ(records[1].pdf.error,
            "truncated PDF (no %%EOF in its last 2048 bytes) (mirror file 2401.00002v1.pdf)");
  EXPECT_EQ(records[2].pdf.error,
            "several files named 2401.00003v1.pdf in the mirror (a/2401.00003v1.pdf, "
            "b/2401.00003v1.pdf); remove all but one");
  EXPECT_EQ(records[3].pdf.error, "no 2401.00004v1.pdf in the mirror");
  EXPECT_EQ(records[4].pdf.error, "astro-ph_0601001v1.pdf is " +
                                      std::to_string(kPdf.size() + 3000) +
                                      " bytes, over the limit of 1000");
  EXPECT_EQ(blobs, (std::map<std::string, std::string>{{"2401.00001v1.pdf", kPdf}}));
}

}  // namespace
}  // namespace quire::arxiv
