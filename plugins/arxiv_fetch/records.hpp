// papers.json and fetch_report.json (schemas in docs/ledger.md).
#pragma once

#include <string>
#include <vector>

#include "fetch_types.hpp"

namespace quire::arxiv {

// One record per selected paper, in selection order (by id), PDF URLs built from the
// versioned id (never from the feed's links, which have gone missing before).
std::vector<PaperRecord> make_records(const Selection& selection, const std::string& pdf_base);

// The papers.json array.
std::string papers_json(const std::vector<PaperRecord>& records, const std::string& mode);

// The fetch_report.json object.
std::string report_json(const FetchSettings& settings, const std::string& mode,
                        const Gathered& gathered, const Selection& selection,
                        const std::vector<PaperRecord>& records);

}  // namespace quire::arxiv
