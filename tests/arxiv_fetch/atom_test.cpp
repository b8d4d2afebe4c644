// The Atom parser against every real arXiv response in the shared corpus, plus hand-made
// feeds for what the corpus lacks (affiliations, malformed XML).
#include "atom.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "corpus.hpp"
#include "tex_clean.hpp"

namespace quire::arxiv {
namespace {

using testing::corpus_dir;
using testing::corpus_file;

AtomFeed corpus_feed(const std::string& name) { return parse_atom(corpus_file("atom/" + name)); }

const AtomEntry* find(const AtomFeed& feed, const std::string& id) {
  for (const auto& e : feed.entries)
    if (e.id && e.id->str() == id) return &e;
  return nullptr;
}

TEST(AtomCorpusTest, EveryCorpusFeedParses) {
  QUIRE_REQUIRE_CORPUS();
  std::set<std::string> seen;
  for (const auto& file : std::filesystem::directory_iterator(corpus_dir() / "atom")) {
    AtomFeed feed = parse_atom(testing::read_bytes(file.path()));
    EXPECT_EQ(feed.error, "") << file.path();
    EXPECT_GE(feed.total_results, 0) << file.path();
    for (const auto& entry : feed.entries) EXPECT_TRUE(entry.id) << entry.raw_id;
    seen.insert(file.path().filename().string());
  }
  EXPECT_EQ(seen.size(), 8u) << "the corpus changed: review these tests";
}

TEST(AtomCorpusTest, ErrorFeedNamesTheProblem) {
  QUIRE_REQUIRE_CORPUS();
  AtomFeed feed = corpus_feed("error_http400_incorrect_id_abc.xml");
  EXPECT_EQ(feed.error, "");
  EXPECT_EQ(feed.api_error, "incorrect id format for abc");
  EXPECT_EQ(feed.api_error_id, "https://arxiv.org/api/errors#incorrect_id_format_for_abc");
  EXPECT_TRUE(feed.entries.empty());  // the error entry is not a paper
  EXPECT_EQ(feed.total_results, 1);
}

TEST(AtomCorpusTest, EmptyResultIsZeroEntriesWithTotalZero) {
  QUIRE_REQUIRE_CORPUS();
  AtomFeed feed = corpus_feed("empty_id_0000.0000.xml");
  EXPECT_EQ(feed.error, "");
  EXPECT_EQ(feed.api_error, "");
  EXPECT_EQ(feed.total_results, 0);
  EXPECT_EQ(feed.start_index, 0);
  EXPECT_EQ(feed.items_per_page, 100);
  EXPECT_TRUE(feed.entries.empty());
}

TEST(AtomCorpusTest, SingleVersionedEntryInTheCurrentFormat) {
  QUIRE_REQUIRE_CORPUS();
  AtomFeed feed = corpus_feed("id_2104.12255v1.xml");
  ASSERT_EQ(feed.entries.size(), 1u);
  const AtomEntry& e = feed.entries[0];
  ASSERT_TRUE(e.id);
  EXPECT_EQ(e.id->base, "2104.12255");
  EXPECT_EQ(e.id->version, 1);
  EXPECT_EQ(e.title, "0");
  EXPECT_EQ(e.primary_category, "cs.CR");
  EXPECT_EQ(e.categories, std::vector<std::string>{"cs.CR"});
  EXPECT_EQ(e.published, "2021-04-20T16:07:14Z");
  EXPECT_EQ(e.updated, "2021-04-20T16:07:14Z");
  ASSERT_EQ(e.authors.size(), 1u);
  EXPECT_EQ(e.authors[0].name, "Quan Thoi Minh Nguyen");
  EXPECT_TRUE(e.authors[0].affiliations.empty());
  EXPECT_EQ(e.pdf_link, "https://arxiv.org/pdf/2104.12255v1");
  EXPECT_EQ(e.abs_link, "https://arxiv.org/abs/2104.12255v1");
  EXPECT_EQ(e.doi, "");
  // A lone dollar is money, not math.
  EXPECT_NE(clean_tex(e.summary).find("generously awarded $35,000 in total"), std::string::npos);
}

TEST(AtomCorpusTest, LegacyFormatWithPerElementNamespaces) {
  QUIRE_REQUIRE_CORPUS();
  AtomFeed feed = corpus_feed("legacy2016_id_list_1111.2011v2.xml");
  EXPECT_EQ(feed.total_results, 1);
  EXPECT_EQ(feed.start_index, 0);
  EXPECT_EQ(feed.items_per_page, 10);
  ASSERT_EQ(feed.entries.size(), 1u);
  const AtomEntry& e = feed.entries[0];
  EXPECT_EQ(e.id->str(), "1111.2011v2");
  EXPECT_EQ(e.title,
            "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity "
            "Limit");
  ASSERT_EQ(e.authors.size(), 3u);
  EXPECT_EQ(e.authors[1].name, "Adrian Del Maestro");
  EXPECT_EQ(e.doi, "10.1103/PhysRevB.85.115117");
  EXPECT_EQ(e.journal_ref, "Phys. Rev. B 85, 115117 (2012)");
  EXPECT_EQ(e.comment, "8 pages, 3 figures. Published version");
  EXPECT_EQ(e.primary_category, "cond-mat.str-el");
  EXPECT_EQ(e.categories, (std::vector<std::string>{"cond-mat.str-el", "cond-mat.stat-mech"}));
  EXPECT_EQ(e.published, "2011-11-08T18:48:36Z");
  EXPECT_EQ(e.updated, "2012-04-02T12:38:54Z");
  EXPECT_EQ(e.pdf_link, "http://arxiv.org/pdf/1111.2011v2");
  EXPECT_EQ(e.abs_link, "http://arxiv.org/abs/1111.2011v2");
  EXPECT_EQ(e.summary.substr(0, 40), "  Theoretical description of anisotropic");  // raw
  std::string abstract = clean_tex(e.summary);
  EXPECT_EQ(abstract.substr(0, 55), "Theoretical description of anisotropic systems, such as");
  EXPECT_NE(abstract.find("indicating that–at least for the purposes"), std::string::npos);
  EXPECT_EQ(abstract.find('\n'), std::string::npos);
}

TEST(AtomCorpusTest, LegacyListingWithOldStyleIds) {
  QUIRE_REQUIRE_CORPUS();
  AtomFeed feed = corpus_feed("legacy2016_au_del_maestro.xml");
  EXPECT_EQ(feed.total_results, 31);
  EXPECT_EQ(feed.items_per_page, 10);
  ASSERT_EQ(feed.entries.size(), 10u);
  EXPECT_EQ(feed.entries[0].id->str(), "1201.4869v1");
  const AtomEntry* old = find(feed, "cond-mat/0412498v1");
  ASSERT_TRUE(old);
  EXPECT_TRUE(old->id->old_style);
  EXPECT_EQ(old->id->base, "cond-mat/0412498");
  EXPECT_EQ(old->title, "Thermal melting of density waves on the square lattice");
  EXPECT_EQ(old->journal_ref, "Physical Review B 71, 184511 (2005)");
  EXPECT_EQ(old->pdf_link, "http://arxiv.org/pdf/cond-mat/0412498v1");

  const AtomEntry* wrapped = find(feed, "cond-mat/0603029v1");
  ASSERT_TRUE(wrapped);
  EXPECT_EQ(wrapped->title,
            "From stripe to checkerboard order on the square lattice in the presence of quenched "
            "disorder");

  const AtomEntry* tex = find(feed, "1412.6529v2");
  ASSERT_TRUE(tex);
  EXPECT_NE(tex->summary.find("R\\'{e}nyi"), std::string::npos);
  std::string abstract = clean_tex(tex->summary);
  EXPECT_EQ(abstract.substr(0, 35), "We consider the Rényi entanglement");
  EXPECT_NE(abstract.find("Lieb-Liniger model of δ-function interacting bosons"),
            std::string::npos);
  EXPECT_EQ(tex->comment,
            "10 pages, 8 figures; updated figure 5, added references, revised text, reformatted");
  EXPECT_EQ(tex->categories, (std::vector<std::string>{"cond-mat.quant-gas", "quant-ph"}));
}

TEST(AtomCorpusTest, LinksWithoutRelOrTypeAreToldApartByPath) {
  QUIRE_REQUIRE_CORPUS();
  AtomFeed feed = corpus_feed("links_without_rel_query_missing_id.xml");
  EXPECT_EQ(feed.total_results, 1);
  ASSERT_EQ(feed.entries.size(), 1u);
  const AtomEntry& e = feed.entries[0];
  EXPECT_EQ(e.id->str(), "2201.13452v1");
  EXPECT_EQ(e.pdf_link, "https://arxiv.org/pdf/2201.13452v1");
  EXPECT_EQ(e.abs_link, "https://arxiv.org/abs/2201.13452v1");
  EXPECT_EQ(e.title,
            "Asymptotic Analysis for a Nonlinear Reaction-Diffusion System Modeling an Infectious "
            "Disease");
  EXPECT_EQ(e.comment, "34 pages");
  EXPECT_EQ(e.primary_category, "math.AP");
  ASSERT_EQ(e.authors.size(), 2u);
  EXPECT_EQ(e.authors[1].name, "Jun Zou");
}

TEST(AtomCorpusTest, CurrentFormatPagesWithRepairedNames) {
  QUIRE_REQUIRE_CORPUS();
  AtomFeed page1 = corpus_feed("page1_q_testing_start0_max10.xml");
  EXPECT_EQ(page1.total_results, 214881);
  EXPECT_EQ(page1.start_index, 0);
  EXPECT_EQ(page1.items_per_page, 10);
  ASSERT_EQ(page1.entries.size(), 10u);
  const AtomEntry& first = page1.entries[0];
  EXPECT_EQ(first.id->str(), "2202.12139v1");
  EXPECT_EQ(first.title,
            "Testing Deep Learning Models: A First Comparative Study of Multiple Testing "
            "Techniques");
  EXPECT_EQ(first.categories, (std::vector<std::string>{"cs.SE", "cs.LG"}));
  EXPECT_EQ(first.doi, "10.1109/ICSTW55395.2022.00035");
  const AtomEntry* names = find(page1, "2405.13786v1");
  ASSERT_TRUE(names);
  EXPECT_EQ(names->authors[0].name, "Aurora Ramírez");
  EXPECT_EQ(names->authors[2].name, "José Raúl Romero");
  EXPECT_EQ(find(page1, "2302.03287v3")->title,
            "ChatGPT and Software Testing Education: Promises & Perils");
  EXPECT_GE(page1.repaired_texts, 2);

  AtomFeed page2 = corpus_feed("page2_q_testing_start10_max10.xml");
  EXPECT_EQ(page2.start_index, 10);
  ASSERT_EQ(page2.entries.size(), 10u);
  const AtomEntry* greek = find(page2, "2403.16981v2");
  ASSERT_TRUE(greek);
  EXPECT_NE(greek->summary.find("at most $α$ and type-II error at most $β$"), std::string::npos);
  EXPECT_NE(clean_tex(greek->summary).find("prior distribution (π, 1-π)"), std::string::npos);
  EXPECT_EQ(find(page2, "2202.06271v1")->authors[0].name, "Katharina Götz");
}

TEST(AtomTest, AffiliationsAndCdataAndUndeclaredPrefixes) {
  // A hand-written mirror feed: no namespace declarations at all, CDATA in the summary.
  AtomFeed feed = parse_atom(R"(<feed>
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/2104.09864v5</id>
    <title>RoFormer:   Enhanced
      Transformer</title>
    <summary><![CDATA[Uses $\theta_i$ & more.]]></summary>
    <author><name>Jianlin Su</name><arxiv:affiliation>Zhuiyi</arxiv:affiliation>
      <arxiv:affiliation> Second  Lab </arxiv:affiliation></author>
    <category term="cs.CL"/><category term="cs.CL"/><category term="cs.LG"/>
  </entry>
</feed>)");
  ASSERT_EQ(feed.error, "");
  EXPECT_EQ(feed.total_results, 1);
  ASSERT_EQ(feed.entries.size(), 1u);
  const AtomEntry& e = feed.entries[0];
  EXPECT_EQ(e.title, "RoFormer: Enhanced Transformer");
  EXPECT_EQ(e.summary, "Uses $\\theta_i$ & more.");
  EXPECT_EQ(e.authors[0].affiliations, (std::vector<std::string>{"Zhuiyi", "Second Lab"}));
  EXPECT_EQ(e.categories, (std::vector<std::string>{"cs.CL", "cs.LG"}));
  EXPECT_EQ(e.pdf_link, "");
}

TEST(AtomTest, BadInputsAreErrorsNotCrashes) {
  EXPECT_NE(parse_atom("").error, "");
  AtomFeed broken = parse_atom("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>\n</feed>");
  EXPECT_EQ(broken.error.rfind("malformed XML at line 3: ", 0), 0u) << broken.error;
  EXPECT_EQ(parse_atom("<html><body>Rate exceeded</body></html>").error,
            "not an Atom feed (root element <html>)");
  EXPECT_EQ(parse_atom("<feed xmlns=\"urn:other\"/>").error,
            "not an Atom feed (root element <feed>)");
  // An entity bomb or external entity is not expanded: pugixml reads no DTD.
  AtomFeed dtd = parse_atom(
      "<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<feed><entry><id>http://arxiv.org/abs/2104.09864v1</id><title>&x;</title></entry></feed>");
  if (dtd.error.empty()) {
    ASSERT_EQ(dtd.entries.size(), 1u);
    EXPECT_EQ(dtd.entries[0].title.find("root:"), std::string::npos);
  }
}

TEST(AtomTest, EntriesWithBadIdsAreKeptButUnidentified) {
  AtomFeed feed = parse_atom(
      "<feed><entry><id>http://arxiv.org/abs/../../etc/passwd</id></entry>"
      "<entry><id>http://arxiv.org/abs/2104.09864</id></entry></feed>");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_FALSE(feed.entries[0].id);
  ASSERT_TRUE(feed.entries[1].id);
  EXPECT_FALSE(feed.entries[1].id->versioned());
}

}  // namespace
}  // namespace quire::arxiv
