#include "atom.hpp"

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>

#include "text.hpp"

namespace quire::arxiv {
namespace {

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kArxivNs = "http://arxiv.org/schemas/atom";
constexpr std::string_view kOpenSearchNs = "http://a9.com/-/spec/opensearch/1.1/";

// The namespace URI of an element, from the xmlns declarations on it and its ancestors.
// Undeclared prefixes are read leniently (a hand-written mirror feed may omit them):
// none -> Atom, "arxiv" -> arXiv, "opensearch" -> OpenSearch.
std::string_view namespace_of(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  std::string_view prefix = colon == std::string_view::npos ? "" : name.substr(0, colon);
  std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (pugi::xml_node at = node; at; at = at.parent())
    if (pugi::xml_attribute a = at.attribute(attribute.c_str())) return a.value();
  if (prefix.empty()) return kAtomNs;
  if (prefix == "arxiv") return kArxivNs;
  if (prefix == "opensearch") return kOpenSearchNs;
  return {};
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is(const pugi::xml_node& node, std::string_view ns, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node) == local && namespace_of(node) == ns;
}

// All character data below `node` (text and CDATA), in document order.
std::string text_of(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      text += child.value();
    else if (child.type() == pugi::node_element)
      text += text_of(child);
  }
  return text;
}

int64_t integer_of(const pugi::xml_node& node) {
  std::string text = collapse_whitespace(text_of(node));
  int64_t value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty() ? value : -1;
}

class EntryReader {
 public:
  explicit EntryReader(AtomFeed& feed) : feed_(feed) {}

  // Text with mojibake repaired and, when `collapse`, whitespace collapsed.
  std::string clean(const pugi::xml_node& node, bool collapse) {
    bool repaired = false;
    std::string text = repair_mojibake(valid_utf8(text_of(node)), &repaired);
    if (repaired) ++feed_.repaired_texts;
    return collapse ? collapse_whitespace(text) : text;
  }

  void read(const pugi::xml_node& node) {
    AtomEntry entry;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view ns = namespace_of(child), name = local_name(child);
      if (ns == kAtomNs)
        atom_field(child, name, entry);
      else if (ns == kArxivNs)
        arxiv_field(child, name, entry);
    }
    if (entry.raw_id.find("/api/errors") != std::string::npos) {
      feed_.api_error = collapse_whitespace(entry.summary);
      feed_.api_error_id = entry.raw_id;
      if (feed_.api_error.empty()) feed_.api_error = entry.title;
      return;
    }
    entry.id = parse_entry_url(entry.raw_id);
    feed_.entries.push_back(std::move(entry));
  }

 private:
  void atom_field(const pugi::xml_node& child, std::string_view name, AtomEntry& entry) {
    if (name == "id") entry.raw_id = collapse_whitespace(text_of(child));
    if (name == "title") entry.title = clean(child, true);
    if (name == "summary") entry.summary = clean(child, false);
    if (name == "published") entry.published = collapse_whitespace(text_of(child));
    if (name == "updated") entry.updated = collapse_whitespace(text_of(child));
    if (name == "author") entry.authors.push_back(author(child));
    if (name == "link") link(child, entry);
    if (name == "category") {
      std::string term = collapse_whitespace(child.attribute("term").value());
      auto& list = entry.categories;
      if (!term.empty() && std::find(list.begin(), list.end(), term) == list.end())
        list.push_back(term);
    }
  }

  void arxiv_field(const pugi::xml_node& child, std::string_view name, AtomEntry& entry) {
    if (name == "primary_category")
      entry.primary_category = collapse_whitespace(child.attribute("term").value());
    if (name == "comment") entry.comment = clean(child, true);
    if (name == "journal_ref") entry.journal_ref = clean(child, true);
    if (name == "doi") entry.doi = collapse_whitespace(text_of(child));
  }

  AtomAuthor author(const pugi::xml_node& node) {
    AtomAuthor author;
    for (pugi::xml_node child : node.children()) {
      if (is(child, kAtomNs, "name")) author.name = clean(child, true);
      if (is(child, kArxivNs, "affiliation")) {
        std::string affiliation = clean(child, true);
        if (!affiliation.empty()) author.affiliations.push_back(affiliation);
      }
    }
    return author;
  }

  // arXiv's links: rel="alternate" (abstract page), title="pdf" (PDF), title="doi". In
  // November 2025 the feed briefly sent links with only href; those are told apart by path.
  static void link(const pugi::xml_node& node, AtomEntry& entry) {
    std::string_view href = node.attribute("href").value();
    std::string_view rel = node.attribute("rel").value();
    std::string_view title = node.attribute("title").value();
    std::string_view type = node.attribute("type").value();
    bool bare = rel.empty() && title.empty() && type.empty();
    bool pdf = title == "pdf" || type == "application/pdf" ||
               (bare && href.find("/pdf/") != std::string_view::npos);
    bool abs = (rel == "alternate" && title.empty()) ||
               (bare && href.find("/abs/") != std::string_view::npos);
    if (pdf && entry.pdf_link.empty()) entry.pdf_link = std::string(href);
    if (abs && !pdf && entry.abs_link.empty()) entry.abs_link = std::string(href);
  }

  AtomFeed& feed_;
};

size_t line_of(std::string_view text, ptrdiff_t offset) {
  offset = std::clamp<ptrdiff_t>(offset, 0, static_cast<ptrdiff_t>(text.size()));
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

}  // namespace

AtomFeed parse_atom(std::string_view xml) {
  AtomFeed feed;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    feed.error = "malformed XML at line " + std::to_string(line_of(xml, parsed.offset)) + ": " +
                 parsed.description();
    return feed;
  }
  pugi::xml_node root = doc.document_element();
  if (!is(root, kAtomNs, "feed")) {
    feed.error = std::string("not an Atom feed (root element <") + root.name() + ">)";
    return feed;
  }
  EntryReader reader(feed);
  for (pugi::xml_node child : root.children()) {
    if (is(child, kOpenSearchNs, "totalResults")) feed.total_results = integer_of(child);
    if (is(child, kOpenSearchNs, "startIndex")) feed.start_index = integer_of(child);
    if (is(child, kOpenSearchNs, "itemsPerPage")) feed.items_per_page = integer_of(child);
    if (is(child, kAtomNs, "title")) feed.title = collapse_whitespace(text_of(child));
    if (is(child, kAtomNs, "entry")) reader.read(child);
  }
  return feed;
}

}  // namespace quire::arxiv
