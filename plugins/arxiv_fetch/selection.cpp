#include "selection.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "tex_clean.hpp"
#include "text.hpp"

namespace quire::arxiv {
namespace {

bool id_less(const ArxivId& a, const ArxivId& b) {
  return a.base != b.base ? a.base < b.base : a.version < b.version;
}

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// The newest entry seen for each base id, over every entry given.
class VersionIndex {
 public:
  void add(const AtomEntry& entry) {
    if (!entry.id) return;
    auto& best = newest_[entry.id->base];
    if (best == nullptr || best->id->version < entry.id->version) best = &entry;
    auto& versions = all_[entry.id->base];
    if (std::none_of(versions.begin(), versions.end(),
                     [&](const AtomEntry* e) { return e->id->version == entry.id->version; }))
      versions.push_back(&entry);
  }
  const AtomEntry* newest(const std::string& base) const {
    auto it = newest_.find(base);
    return it == newest_.end() ? nullptr : it->second;
  }
  const AtomEntry* exact(const ArxivId& id) const {
    auto it = all_.find(id.base);
    if (it == all_.end()) return nullptr;
    for (const AtomEntry* e : it->second)
      if (e->id->version == id.version) return e;
    return nullptr;
  }

 private:
  std::map<std::string, const AtomEntry*> newest_;
  std::map<std::string, std::vector<const AtomEntry*>> all_;
};

class Selector {
 public:
  Selector(const std::vector<AtomEntry>& listing, const std::vector<AtomEntry>& lookups) {
    for (const auto* list : {&listing, &lookups})
      for (const auto& e : *list) {
        index_.add(e);
        if (!e.id) invalid(e);
      }
  }

  // Listing order of base ids, deduplicated, truncated to max_results.
  void take_listing(const std::vector<AtomEntry>& listing, int64_t max_results) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<const AtomEntry*>> seen;
    for (const auto& entry : listing) {
      if (!entry.id) continue;
      auto& group = seen[entry.id->base];
      if (group.empty()) order.push_back(entry.id->base);
      group.push_back(&entry);
    }
    for (const auto& base : order) {
      const auto& group = seen[base];
      const AtomEntry* kept = *std::max_element(
          group.begin(), group.end(),
          [](const AtomEntry* a, const AtomEntry* b) { return a->id->version < b->id->version; });
      if (group.size() > 1) duplicate(group, kept);
      if (static_cast<int64_t>(listed_.size()) < max_results) listed_.push_back(kept);
    }
  }

  void take_requested(const std::vector<ArxivId>& requested) {
    for (const auto& id : requested) {
      const AtomEntry* newest = index_.newest(id.base);
      const AtomEntry* found = id.versioned() ? index_.exact(id) : newest;
      if (found == nullptr) {
        std::string what = newest ? " (the newest version seen is " + newest->id->str() + ")" : "";
        result_.errors.push_back({id.str(), "lookup", "no paper " + id.str() + " in the listing" + what});
        continue;
      }
      if (newest->id->version > found->id->version)
        notice(*found->id, *newest->id, "requested " + found->id->str());
      if (id.versioned()) pinned_.insert(id.base);
      requested_.push_back(found);
    }
  }

  Selection finish() {
    std::map<std::string, SelectedPaper> papers;  // by versioned id
    for (const AtomEntry* e : listed_) {
      if (pinned_.count(e->id->base)) continue;  // the requested version wins
      auto& paper = papers[e->id->str()];
      paper.entry = *e;
      paper.from_search = true;
    }
    for (const AtomEntry* e : requested_) {
      auto& paper = papers[e->id->str()];
      if (!paper.from_search) paper.entry = *e;
      paper.requested = true;
    }
    for (auto& [_, paper] : papers) result_.papers.push_back(std::move(paper));
    std::sort(result_.papers.begin(), result_.papers.end(),
              [](const SelectedPaper& a, const SelectedPaper& b) {
                return id_less(*a.entry.id, *b.entry.id);
              });
    std::sort(result_.notices.begin(), result_.notices.end(), [](const Notice& a, const Notice& b) {
      return a.base_id != b.base_id ? a.base_id < b.base_id : a.kept < b.kept;
    });
    return std::move(result_);
  }

 private:
  void invalid(const AtomEntry& entry) {
    if (!invalid_seen_.insert(entry.raw_id).second) return;
    result_.errors.push_back({printable(entry.raw_id), "id",
                              "entry id '" + printable(entry.raw_id) +
                                  "' is not an arXiv abstract URL with a valid id; skipped"});
  }

  void duplicate(const std::vector<const AtomEntry*>& group, const AtomEntry* kept) {
    Duplicate d{kept->id->str(), {}};
    bool first_kept = false;
    for (const AtomEntry* e : group) {
      if (e == kept && !first_kept) {
        first_kept = true;
        continue;
      }
      d.dropped.push_back(e->id->str());
      if (e->id->version < kept->id->version)
        notice(*e->id, *kept->id, "listed as both " + e->id->str() + " and " + kept->id->str());
    }
    result_.duplicates_dropped += static_cast<int64_t>(d.dropped.size());
    result_.duplicates.push_back(std::move(d));
  }

  void notice(const ArxivId& have, const ArxivId& latest, const std::string& why) {
    for (const auto& n : result_.notices)
      if (n.kept == have.str() && n.latest == latest.str()) return;
    // Listing duplicates keep the newest, so only a pinned old version is "kept" old.
    result_.notices.push_back({have.base, have.str(), latest.str(),
                               "new version available: " + latest.str() + " (" + why + ")"});
  }

  VersionIndex index_;
  std::set<std::string> invalid_seen_;
  std::set<std::string> pinned_;  // base ids requested at a version
  std::vector<const AtomEntry*> listed_;
  std::vector<const AtomEntry*> requested_;
  Selection result_;
};

}  // namespace

Selection select_papers(const std::vector<AtomEntry>& listing,
                        const std::vector<AtomEntry>& lookups,
                        const std::vector<ArxivId>& requested, int64_t max_results) {
  Selector selector(listing, lookups);
  selector.take_listing(listing, max_results);
  selector.take_requested(requested);
  return selector.finish();
}

bool matches_search(const AtomEntry& entry, const FetchQuery& query) {
  if (!has_search(query)) return false;
  if (!query.categories.empty()) {
    bool any = false;
    for (const auto& wanted : query.categories) {
      std::string w = lower(wanted);
      for (const auto& have : entry.categories) any = any || lower(have) == w;
      any = any || lower(entry.primary_category) == w;
    }
    if (!any) return false;
  }
  if (!query.phrases.empty()) {
    std::string abstract = clean_tex(entry.summary);
    bool any = false;
    for (const auto& phrase : query.phrases)
      any = any || phrase_matches(entry.title, phrase) || phrase_matches(abstract, phrase);
    if (!any) return false;
  }
  std::string day = entry.published.substr(0, 10);
  if (!query.date_from.empty() && (day.size() < 10 || day < query.date_from)) return false;
  if (!query.date_to.empty() && (day.size() < 10 || day > query.date_to)) return false;
  return true;
}

std::vector<AtomEntry> local_listing(const std::vector<AtomEntry>& entries,
                                     const FetchQuery& query) {
  std::vector<AtomEntry> listing;
  for (const auto& entry : entries)
    if (entry.id && matches_search(entry, query)) listing.push_back(entry);
  std::stable_sort(listing.begin(), listing.end(), [](const AtomEntry& a, const AtomEntry& b) {
    if (a.published != b.published) return a.published > b.published;
    return id_less(*a.id, *b.id);
  });
  return listing;
}

}  // namespace quire::arxiv
