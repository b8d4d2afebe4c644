// evidence.json and evidence_matrix.csv from the rows (schemas in docs/ledger.md, "## seed").
#pragma once

#include <string>
#include <vector>

#include "evidence.hpp"

namespace quire::seed {

// The evidence.json array, one object per row, in row order.
std::string evidence_json(const std::vector<EvidenceRow>& rows);

// The columns of evidence_matrix.csv, in order.
const std::vector<std::string>& matrix_columns();

// evidence_matrix.csv: the header, then one RFC 4180 record per row (CRLF line ends).
std::string evidence_matrix_csv(const std::vector<EvidenceRow>& rows);

// The triggers of a row in one field: "numeric: 10.7 dB | 0%; comparative: outperforms;
// result: outperforms", kinds without triggers left out; empty when there are none.
std::string triggers_text(const ClaimAnalysis& analysis);

// The one-line summary the stage logs.
std::string summary_line(const SeedOutcome& outcome, bool have_triage);

}  // namespace quire::seed
