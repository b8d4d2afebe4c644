// Choosing papers: dedupe across overlapping pages, max_results, explicit and pinned ids,
// new-version notices, and the query applied to local entries.
#include "selection.hpp"

#include <gtest/gtest.h>

namespace quire::arxiv {
namespace {

AtomEntry entry(const std::string& id, const std::string& published = "2024-01-01T00:00:00Z") {
  AtomEntry e;
  e.raw_id = "http://arxiv.org/abs/" + id;
  e.id = parse_entry_url(e.raw_id);
  e.title = "Paper " + id;
  e.published = published;
  return e;
}

std::vector<std::string> ids(const Selection& s) {
  std::vector<std::string> out;
  for (const auto& p : s.papers) out.push_back(p.entry.id->str());
  return out;
}

std::vector<ArxivId> requested(std::initializer_list<const char*> list) {
  std::vector<ArxivId> out;
  for (const char* text : list) out.push_back(*parse_arxiv_id(text));
  return out;
}

TEST(SelectionTest, OverlappingPagesAreDeduplicatedKeepingTheLatestVersion) {
  // Page 2 repeats the end of page 1 (a new submission pushed the listing down), and one
  // paper was revised between the two requests.
  std::vector<AtomEntry> listing = {entry("2401.00003v1"), entry("2401.00002v1"),
                                    entry("2401.00001v1"), entry("2401.00002v2"),
                                    entry("2401.00001v1"), entry("2312.00009v1")};
  Selection s = select_papers(listing, {}, {}, 50);
  EXPECT_EQ(ids(s), (std::vector<std::string>{"2312.00009v1", "2401.00001v1", "2401.00002v2",
                                              "2401.00003v1"}));
  EXPECT_EQ(s.duplicates_dropped, 2);
  ASSERT_EQ(s.duplicates.size(), 2u);
  EXPECT_EQ(s.duplicates[0].kept, "2401.00002v2");
  EXPECT_EQ(s.duplicates[0].dropped, std::vector<std::string>{"2401.00002v1"});
  EXPECT_EQ(s.duplicates[1].kept, "2401.00001v1");
  EXPECT_EQ(s.duplicates[1].dropped, std::vector<std::string>{"2401.00001v1"});
  ASSERT_EQ(s.notices.size(), 1u);
  EXPECT_EQ(s.notices[0].base_id, "2401.00002");
  EXPECT_EQ(s.notices[0].latest, "2401.00002v2");
  EXPECT_EQ(s.notices[0].message,
            "new version available: 2401.00002v2 (listed as both 2401.00002v1 and 2401.00002v2)");
  for (const auto& p : s.papers) EXPECT_TRUE(p.from_search && !p.requested);
}

TEST(SelectionTest, MaxResultsCountsDistinctPapersInListingOrder) {
  std::vector<AtomEntry> listing = {entry("2401.00003v1"), entry("2401.00003v1"),
                                    entry("2401.00002v1"), entry("2401.00001v1")};
  Selection s = select_papers(listing, {}, {}, 2);
  EXPECT_EQ(ids(s), (std::vector<std::string>{"2401.00002v1", "2401.00003v1"}));
}

TEST(SelectionTest, TheOrderIsStableWhateverTheInputOrder) {
  std::vector<AtomEntry> a = {entry("astro-ph/0601001v1"), entry("2104.09864v5"),
                              entry("1111.2011v2")};
  std::vector<AtomEntry> b = {a[2], a[0], a[1]};
  EXPECT_EQ(ids(select_papers(a, {}, {}, 10)), ids(select_papers(b, {}, {}, 10)));
  EXPECT_EQ(ids(select_papers(a, {}, {}, 10)),
            (std::vector<std::string>{"1111.2011v2", "2104.09864v5", "astro-ph/0601001v1"}));
}

TEST(SelectionTest, ExplicitIdsComeOnTopOfTheSearch) {
  std::vector<AtomEntry> listing = {entry("2401.00001v1")};
  std::vector<AtomEntry> lookups = {entry("2104.09864v5"), entry("2401.00001v1")};
  Selection s = select_papers(listing, lookups, requested({"2104.09864", "2401.00001"}), 50);
  ASSERT_EQ(ids(s), (std::vector<std::string>{"2104.09864v5", "2401.00001v1"}));
  EXPECT_TRUE(s.papers[0].requested);
  EXPECT_FALSE(s.papers[0].from_search);
  EXPECT_TRUE(s.papers[1].requested);
  EXPECT_TRUE(s.papers[1].from_search);
  EXPECT_TRUE(s.errors.empty());
}

TEST(SelectionTest, PinnedVersionsAreKeptWithANotice) {
  std::vector<AtomEntry> listing = {entry("2104.09864v5")};
  std::vector<AtomEntry> lookups = {entry("2104.09864v2"), entry("2104.09864v5")};
  Selection s = select_papers(listing, lookups, requested({"2104.09864v2"}), 50);
  ASSERT_EQ(ids(s), std::vector<std::string>{"2104.09864v2"});
  EXPECT_TRUE(s.papers[0].requested);
  ASSERT_EQ(s.notices.size(), 1u);
  EXPECT_EQ(s.notices[0].kept, "2104.09864v2");
  EXPECT_EQ(s.notices[0].message, "new version available: 2104.09864v5 (requested 2104.09864v2)");
}

TEST(SelectionTest, MissingPapersAndBadEntriesAreErrors) {
  AtomEntry bad;
  bad.raw_id = "http://arxiv.org/abs/../../etc/passwd";
  std::vector<AtomEntry> listing = {bad, entry("2401.00001v1")};
  std::vector<AtomEntry> lookups = {entry("2104.09864v1"), bad};
  Selection s = select_papers(listing, lookups, requested({"0000.0000", "2104.09864v3"}), 50);
  EXPECT_EQ(ids(s), std::vector<std::string>{"2401.00001v1"});
  ASSERT_EQ(s.errors.size(), 3u);
  EXPECT_EQ(s.errors[0].stage, "id");  // reported once although it came twice
  EXPECT_NE(s.errors[0].message.find("is not an arXiv abstract URL"), std::string::npos);
  EXPECT_EQ(s.errors[1].id, "0000.0000");
  EXPECT_EQ(s.errors[1].stage, "lookup");
  EXPECT_EQ(s.errors[1].message, "no paper 0000.0000 in the listing");
  EXPECT_EQ(s.errors[2].message,
            "no paper 2104.09864v3 in the listing (the newest version seen is 2104.09864v1)");
}

TEST(SelectionTest, LocalListingAppliesTheQuery) {
  AtomEntry rope = entry("2104.09864v5", "2021-04-20T09:00:00Z");
  rope.title = "RoFormer: Enhanced Transformer with Rotary Position Embedding";
  rope.categories = {"cs.CL", "cs.AI"};
  AtomEntry sink = entry("2309.17453v4", "2023-09-29T17:59:00Z");
  sink.title = "Efficient Streaming Language Models";
  sink.summary = "We observe an \\emph{attention sink}: ...";
  sink.categories = {"cs.CL"};
  AtomEntry physics = entry("1111.2011v2", "2011-11-08T18:48:36Z");
  physics.title = "Quantum Criticality";
  physics.categories = {"cond-mat.str-el"};
  AtomEntry europe = entry("2401.00001v1", "2024-01-01T00:00:00Z");
  europe.title = "Language models in Europe";
  europe.categories = {"cs.CL"};
  std::vector<AtomEntry> all = {physics, rope, europe, sink};

  FetchQuery q;
  q.categories = {"CS.cl"};
  q.phrases = {"rotary position embedding", "attention sink", "RoPE"};
  auto listing = local_listing(all, q);
  ASSERT_EQ(listing.size(), 2u);
  EXPECT_EQ(listing[0].id->str(), "2309.17453v4");  // newest first
  EXPECT_EQ(listing[1].id->str(), "2104.09864v5");

  q.date_from = "2021-04-20";
  q.date_to = "2021-04-20";
  listing = local_listing(all, q);
  ASSERT_EQ(listing.size(), 1u);
  EXPECT_EQ(listing[0].id->str(), "2104.09864v5");

  FetchQuery categories_only;
  categories_only.categories = {"cond-mat.str-el"};
  EXPECT_EQ(local_listing(all, categories_only).size(), 1u);
  EXPECT_TRUE(local_listing(all, FetchQuery()).empty());  // no search: nothing listed
}

}  // namespace
}  // namespace quire::arxiv
