#include "version_history.hpp"

#include <algorithm>
#include <cstdlib>

namespace quire::arxiv {

std::vector<int> parse_versions(const std::string& text) {
  std::vector<int> versions;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    int v = std::atoi(text.substr(start, comma - start).c_str());
    if (v > 0) versions.push_back(v);
    start = comma + 1;
  }
  std::sort(versions.begin(), versions.end());
  versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
  return versions;
}

std::string format_versions(const std::vector<int>& versions) {
  std::string text;
  for (int v : versions) text += (text.empty() ? "" : ",") + std::to_string(v);
  return text;
}

std::vector<Notice> note_new_versions(const std::vector<SelectedPaper>& papers,
                                      const VersionMemo& memo) {
  std::vector<Notice> notices;
  for (const auto& paper : papers) {
    const auto& id = *paper.entry.id;
    if (!id.versioned()) continue;
    std::string key = "versions-seen:" + id.base;
    auto versions = parse_versions(memo.get(key).value_or(""));
    int older = 0;
    for (int v : versions)
      if (v < id.version) older = v;
    if (older > 0) {
      std::string was = id.base + "v" + std::to_string(older);
      notices.push_back({id.base, id.str(), id.str(),
                         "new version: " + id.str() + " (an earlier run took " + was + ")"});
    }
    if (std::find(versions.begin(), versions.end(), id.version) == versions.end()) {
      versions.push_back(id.version);
      std::sort(versions.begin(), versions.end());
      memo.put(key, format_versions(versions));
    }
  }
  std::sort(notices.begin(), notices.end(),
            [](const Notice& a, const Notice& b) { return a.base_id < b.base_id; });
  return notices;
}

}  // namespace quire::arxiv
