// The arXiv API's Atom feeds, both wire formats: the legacy one (before 2025: namespaces
// declared on each element, links with rel/type/title) and the current one (namespaces on the
// root, links sometimes without any attribute but href). pugixml stays inside atom.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_id.hpp"

namespace quire::arxiv {

struct AtomAuthor {
  std::string name;
  std::vector<std::string> affiliations;  // <arxiv:affiliation>, in feed order
};

// One <entry>, with text as the feed has it except: whitespace collapsed in title, names,
// comment and journal_ref; mojibake repaired everywhere; the summary otherwise raw TeX.
struct AtomEntry {
  std::string raw_id;         // the <id> text, trimmed
  std::optional<ArxivId> id;  // nullopt when raw_id is not a valid arXiv abstract URL
  std::string title;
  std::string summary;
  std::vector<AtomAuthor> authors;
  std::vector<std::string> categories;  // <category term>, in feed order, without duplicates
  std::string primary_category;
  std::string comment;
  std::string journal_ref;
  std::string doi;
  std::string published;  // first version's date-time, as given
  std::string updated;    // this version's date-time, as given
  std::string abs_link;   // rel="alternate", or a bare link to /abs/; may be empty
  std::string pdf_link;   // title="pdf" or type="application/pdf", or a bare link to /pdf/
  std::string source;     // set by the caller: the request URL or mirror file it came from
};

struct AtomFeed {
  // Why the text is not a usable feed (malformed XML with its line, or not Atom); when set,
  // nothing else is meaningful.
  std::string error;
  // The API's error entry (<id> containing "/api/errors"): its message and id.
  std::string api_error;
  std::string api_error_id;
  int64_t total_results = -1;  // opensearch:totalResults; -1 when absent or not a number
  int64_t start_index = -1;
  int64_t items_per_page = -1;
  std::string title;
  std::vector<AtomEntry> entries;  // in feed order; error entries excluded
  int repaired_texts = 0;          // text fields whose mojibake was repaired
};

AtomFeed parse_atom(std::string_view xml);

}  // namespace quire::arxiv
