// From the entries the API (or a mirror) returned to the papers of this run: deduplication by
// base id, max_results, explicit ids, new-version notices and the local form of the query.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "atom.hpp"
#include "query.hpp"

namespace quire::arxiv {

struct PaperError {
  std::string id;     // the id as far as it is known (printable), or the entry's <id>
  std::string stage;  // "id" (not a valid id), "lookup" (not found), "pdf"
  std::string message;
};

struct Notice {
  std::string base_id;
  std::string kept;    // the version in papers.json
  std::string latest;  // the newest version seen
  std::string message;
};

struct Duplicate {
  std::string kept;                  // the versioned id kept
  std::vector<std::string> dropped;  // versioned ids of the other entries, in listing order
};

struct SelectedPaper {
  AtomEntry entry;  // entry.id is set
  bool from_search = false;
  bool requested = false;
};

struct Selection {
  std::vector<SelectedPaper> papers;  // sorted by base id, then version
  std::vector<Duplicate> duplicates;  // in order of first appearance
  int64_t duplicates_dropped = 0;
  std::vector<Notice> notices;     // sorted by base id
  std::vector<PaperError> errors;  // in input order
};

// Chooses the papers of a run.
//  - `listing`: the search results in listing order (pages concatenated). Entries are
//    deduplicated by base id: the highest version is kept at the position of the first
//    appearance; then the first `max_results` base ids are taken.
//  - `lookups`: entries that answer `requested` (id_list results, or every mirror entry).
//  - `requested`: explicit ids. Unversioned: the newest version seen anywhere. Versioned: that
//    exact version (it replaces whatever the listing has for the base id), with a notice when a
//    newer version was seen. Not seen at all: an error "lookup".
// Entries (in either list) whose <id> is not a valid arXiv id become errors "id", once each. A
// notice is also given when the listing itself shows two versions of one paper.
Selection select_papers(const std::vector<AtomEntry>& listing,
                        const std::vector<AtomEntry>& lookups,
                        const std::vector<ArxivId>& requested, int64_t max_results);

// The query applied to local entries (a mirror): entries matching the search, newest
// `published` first, ties by id. Categories: any of the entry's categories (case-insensitive).
// Phrases: any phrase in the title or the cleaned abstract (phrase_matches). Dates: the day of
// `published`, inclusive. Without a search, nothing matches. Entries without a valid id are
// left out (select_papers reports them from the lookups).
std::vector<AtomEntry> local_listing(const std::vector<AtomEntry>& entries,
                                     const FetchQuery& query);

// True when `entry` matches the search part of `query`.
bool matches_search(const AtomEntry& entry, const FetchQuery& query);

}  // namespace quire::arxiv
