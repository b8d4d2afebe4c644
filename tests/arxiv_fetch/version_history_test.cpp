// New versions noticed across runs through the memo, and replays that see the same history.
#include "version_history.hpp"

#include <gtest/gtest.h>

#include <map>

#include "arxiv_id.hpp"

namespace quire::arxiv {
namespace {

SelectedPaper paper(const std::string& id) {
  SelectedPaper p;
  p.entry.id = parse_arxiv_id(id);
  return p;
}

class VersionHistoryTest : public ::testing::Test {
 protected:
  VersionMemo memo() {
    return {[this](const std::string& k) -> std::optional<std::string> {
              auto it = store_.find(k);
              return it == store_.end() ? std::nullopt : std::optional<std::string>(it->second);
            },
            [this](const std::string& k, const std::string& v) { store_[k] = v; }};
  }
  std::map<std::string, std::string> store_;
};

TEST_F(VersionHistoryTest, ANewerVersionThanAnEarlierRunTookIsReported) {
  EXPECT_TRUE(
      note_new_versions({paper("2104.09864v4"), paper("astro-ph/0601001v1")}, memo()).empty());
  auto notices = note_new_versions({paper("2104.09864v5"), paper("astro-ph/0601001v1")}, memo());
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].base_id, "2104.09864");
  EXPECT_EQ(notices[0].message, "new version: 2104.09864v5 (an earlier run took 2104.09864v4)");
  EXPECT_EQ(store_["versions-seen:2104.09864"], "4,5");

  // Replaying the same listing gives the same notice (the history does not move).
  auto again = note_new_versions({paper("2104.09864v5")}, memo());
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].message, notices[0].message);
  // And replaying the earlier listing still gives none.
  EXPECT_TRUE(note_new_versions({paper("2104.09864v4")}, memo()).empty());
}

TEST_F(VersionHistoryTest, VersionListsRoundTrip) {
  EXPECT_EQ(parse_versions("5,4,,x,4"), (std::vector<int>{4, 5}));
  EXPECT_EQ(format_versions({1, 3}), "1,3");
}

}  // namespace
}  // namespace quire::arxiv
