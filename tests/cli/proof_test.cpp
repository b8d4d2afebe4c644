// `quire proof` through the real binary: a run of fetch (the bundled demo mirror) -> seed ->
// verify in a temp dir with its own cache, then proof against that run, its cache, and copies of
// its matrix edited the ways a ledger goes wrong.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "seed/csv_reader.hpp"
#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using seed::testing::CsvTable;
using seed::testing::read_csv;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

// seed writes an evidence_matrix.csv too: proof must take verify's, the last one.
constexpr const char* kWorkflow = R"([workflow]
name = "proof-demo"

[stages.fetch]
plugin = "arxiv-fetch"
[stages.fetch.config]
categories = ["cs.CL", "cs.LG"]
mirror = "set-by-the-test"

[stages.seed]
plugin = "seed"
needs = ["fetch"]
[stages.seed.config]
anchors = ["2401.90001"]

[stages.verify]
plugin = "verify"
needs = ["fetch", "seed"]
)";

fs::path repo_dir() { return fs::path(test_workflows_dir()).parent_path().parent_path(); }

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string write_csv(const CsvTable& table) {
  std::string out;
  for (const auto& record : table) {
    for (size_t i = 0; i < record.size(); ++i) out += (i ? "," : "") + csv_field(record[i]);
    out += "\r\n";
  }
  return out;
}

size_t column(const CsvTable& table, const std::string& name) {
  for (size_t c = 0; c < table[0].size(); ++c)
    if (table[0][c] == name) return c;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

class ProofTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(dir_ / "proof-demo.toml", kWorkflow);
    ProcessResult result =
        run_quire({"run", (dir_ / "proof-demo.toml").string(), "--run-dir", run_dir().string(),
                   "--cache", cache_dir().string(), "--set",
                   "fetch.mirror=" + (repo_dir() / "workflows/demo-mirror").string()},
                  {kEpoch});
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    matrix_ = read_csv(read_text(run_dir() / "verify/evidence_matrix.csv"));
    ASSERT_GT(matrix_.size(), 1u);
  }

  fs::path run_dir() const { return dir_ / "run"; }
  fs::path cache_dir() const { return dir_ / "cache"; }

  ProcessResult proof(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"proof", run_dir().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args);
  }
  Json proof_json(const fs::path& file = {}) const {
    return Json::parse(read_text(file.empty() ? run_dir() / "proof.json" : file));
  }
  // The matrix's supported records (without the header).
  std::vector<size_t> supported() const {
    std::vector<size_t> out;
    size_t status = column(matrix_, "status");
    for (size_t r = 1; r < matrix_.size(); ++r)
      if (matrix_[r][status] == "supported") out.push_back(r);
    return out;
  }
  std::string field(size_t r, const std::string& name) const {
    return matrix_[r][column(matrix_, name)];
  }
  fs::path object_of(const std::string& digest) const {
    std::string hex = digest.substr(std::string("sha256:").size());
    return cache_dir() / "objects" / hex.substr(0, 2) / hex;
  }
  static const Json& row(const Json& proof, const std::string& row_id) {
    for (const auto& r : proof["rows"])
      if (r["row_id"] == row_id) return r;
    static const Json none;
    ADD_FAILURE() << "no row " << row_id;
    return none;
  }
  static std::string reasons(const Json& row) { return row.value("reasons", Json()).dump(); }

  TempDir dir_;
  CsvTable matrix_;
};

TEST_F(ProofTest, VerifiesEveryRowThatVerifySupportedAndIsByteIdenticalOnRerun) {
  ProcessResult result = proof();
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  Json p = proof_json();
  EXPECT_EQ(p["verdict"], "proven") << p.dump(2);
  EXPECT_EQ(p["proof_score"], 1.0);
  EXPECT_EQ(p["matrix"], "verify/evidence_matrix.csv");  // verify's, not seed's
  EXPECT_EQ(p["threshold"], 0.5);
  EXPECT_EQ(p["jaccard"], 0.6);
  EXPECT_EQ(p["counts"]["supported"], supported().size());
  EXPECT_EQ(p["counts"]["passed"], supported().size());
  EXPECT_EQ(p["counts"]["matrix_rows"], matrix_.size() - 1);
  ASSERT_GT(supported().size(), 1u);
  std::vector<std::string> ids;
  for (const auto& r : p["rows"]) {
    EXPECT_TRUE(r["pass"].get<bool>()) << r.dump();
    EXPECT_TRUE(r["reasons"].empty()) << r.dump();
    EXPECT_NE(r["method"], "none");
    EXPECT_FALSE(r["section"].get<std::string>().empty());
    EXPECT_FALSE(r["checked_at"].get<std::string>().empty());
    bool on_page = false;
    for (const auto& page : r["found_pages"]) on_page |= page == r["page"];
    EXPECT_TRUE(on_page) << r.dump();
    ids.push_back(r["row_id"]);
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  // verify's new columns are filled for its supported rows.
  for (size_t r : supported()) {
    EXPECT_EQ(field(r, "pdf_digest").rfind("sha256:", 0), 0u);
    EXPECT_FALSE(field(r, "full_text_checked_at").empty());
    EXPECT_TRUE(fs::exists(run_dir() / "fetch" / field(r, "pdf_output"))) << field(r, "pdf_output");
  }
  // No absolute path and nothing that changes between runs.
  std::string first = read_text(run_dir() / "proof.json");
  EXPECT_EQ(first.find(dir_.path().string()), std::string::npos);
  EXPECT_NE(result.out.find("proven"), std::string::npos) << result.out;

  ASSERT_EQ(proof().exit_code, 0);
  EXPECT_EQ(read_text(run_dir() / "proof.json"), first);
  // An explicit --cache gives the same answer as the cache the run recorded.
  ASSERT_EQ(proof({"--cache", cache_dir().string()}).exit_code, 0);
  EXPECT_EQ(read_text(run_dir() / "proof.json"), first);
}

TEST_F(ProofTest, ACorruptCachedPdfFailsItsRowsAndTheRunDirCopyDoesNotStandIn) {
  // Corrupt the PDF of the paper the first supported row cites.
  size_t first = supported().front();
  std::string digest = field(first, "pdf_digest");
  fs::path object = object_of(digest);
  ASSERT_TRUE(fs::exists(object));
  fs::path copy = run_dir() / "fetch" / field(first, "pdf_output");
  ASSERT_TRUE(fs::exists(copy));  // intact: proof could have read it instead, and must not
  std::string bytes = read_text(object);
  bytes[bytes.size() / 2] ^= 0x20;
  fs::permissions(object, fs::perms::owner_write, fs::perm_options::add);
  write_text(object, bytes);

  ProcessResult result = proof({"--threshold", "1"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  Json p = proof_json();
  EXPECT_EQ(p["verdict"], "below-threshold");
  size_t corrupt = 0;
  for (size_t r : supported()) {
    const Json& checked = row(p, field(r, "row_id"));
    if (field(r, "pdf_digest") != digest) {
      EXPECT_TRUE(checked["pass"].get<bool>()) << checked.dump();
      continue;
    }
    ++corrupt;
    EXPECT_FALSE(checked["pass"].get<bool>());
    EXPECT_NE(
        reasons(checked).find("cached PDF " + digest + " does not match its digest (corrupt)"),
        std::string::npos)
        << checked.dump();
  }
  EXPECT_EQ(p["counts"]["failed"], corrupt);
  EXPECT_NE(result.out.find("FAIL " + field(first, "row_id")), std::string::npos) << result.out;
  // proof changes nothing in the cache: the corrupt object is still there, nothing quarantined.
  EXPECT_EQ(read_text(object), bytes);
  EXPECT_FALSE(fs::exists(cache_dir() / "quarantine") && !fs::is_empty(cache_dir() / "quarantine"));

  // Every PDF corrupt: below the default threshold too.
  std::set<std::string> digests;
  for (size_t r : supported()) digests.insert(field(r, "pdf_digest"));
  for (const auto& d : digests) {
    std::string b = read_text(object_of(d));
    b[b.size() / 3] ^= 0x01;
    fs::permissions(object_of(d), fs::perms::owner_write, fs::perm_options::add);
    write_text(object_of(d), b);
  }
  EXPECT_EQ(proof().exit_code, 1);
  EXPECT_EQ(proof_json()["proof_score"], 0.0);
}

TEST_F(ProofTest, AMissingCachedPdfIsReadFromTheRunDirectoryAndHashed) {
  size_t first = supported().front();
  std::string digest = field(first, "pdf_digest");
  fs::remove(object_of(digest));
  ProcessResult result = proof({"--threshold", "1"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;

  // The run dir's copy is hashed as well: a changed copy fails.
  fs::path copy = run_dir() / "fetch" / field(first, "pdf_output");
  std::string bytes = read_text(copy);
  bytes[bytes.size() / 2] ^= 0x20;
  fs::permissions(copy, fs::perms::owner_write, fs::perm_options::add);
  write_text(copy, bytes);
  EXPECT_EQ(proof({"--threshold", "1"}).exit_code, 1);
  Json p = proof_json();  // keep it alive: row() points into it
  const Json& checked = row(p, field(first, "row_id"));
  EXPECT_NE(reasons(checked).find("does not match its digest (corrupt)"), std::string::npos)
      << checked.dump();
  EXPECT_NE(reasons(checked).find("run-dir copy fetch/"), std::string::npos) << checked.dump();

  fs::remove(copy);
  EXPECT_EQ(proof({"--threshold", "1"}).exit_code, 1);
  EXPECT_NE(reasons(row(proof_json(), field(first, "row_id"))).find("neither in the cache"),
            std::string::npos);
}

TEST_F(ProofTest, AQuoteWithAChangedNumberFailsAndTheOtherRowsPass) {
  size_t quote = column(matrix_, "source_quote");
  size_t edited = 0;
  for (size_t r : supported()) {
    auto digit = matrix_[r][quote].find_first_of("0123456789");
    if (digit == std::string::npos) continue;
    char& c = matrix_[r][quote][digit];
    c = c == '9' ? '8' : static_cast<char>(c + 1);
    edited = r;
    break;
  }
  ASSERT_NE(edited, 0u) << "no supported quote with a number in the demo";
  // Probe rows (draft-render's) are not proof's business.
  std::vector<std::string> probe(matrix_[0].size());
  probe[column(matrix_, "row_id")] = "PROBE-1";
  probe[column(matrix_, "status")] = "contradicted";
  matrix_.push_back(probe);
  write_text(dir_ / "edited.csv", write_csv(matrix_));

  ProcessResult result =
      proof({"--matrix", (dir_ / "edited.csv").string(), "--out", (dir_ / "p.json").string()});
  Json p = proof_json(dir_ / "p.json");
  EXPECT_FALSE(fs::exists(run_dir() / "proof.json"));
  EXPECT_EQ(p["matrix"], "../edited.csv");
  EXPECT_EQ(p["counts"]["failed"], 1) << p.dump(2);
  EXPECT_EQ(p["counts"]["supported"], supported().size());
  EXPECT_EQ(p["counts"]["matrix_rows"], matrix_.size() - 1);
  for (const auto& r : p["rows"]) {
    bool is_edited = r["row_id"] == field(edited, "row_id");
    EXPECT_EQ(r["pass"].get<bool>(), !is_edited) << r.dump();
    if (is_edited) EXPECT_NE(reasons(r).find("quote not found"), std::string::npos) << r.dump();
  }
  EXPECT_EQ(result.exit_code, p["proof_score"].get<double>() >= 0.5 ? 0 : 1);
}

TEST_F(ProofTest, ARowWithoutSectionOrCheckTimeFailsOnItsLocators) {
  ASSERT_GE(supported().size(), 2u);
  size_t no_section = supported()[0], no_time = supported()[1];
  matrix_[no_section][column(matrix_, "section")] = "";
  matrix_[no_time][column(matrix_, "full_text_checked_at")] = "";
  write_text(dir_ / "edited.csv", write_csv(matrix_));

  ProcessResult result = proof({"--matrix", (dir_ / "edited.csv").string(), "--threshold", "1"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  Json p = proof_json();
  EXPECT_EQ(p["counts"]["failed"], 2);
  EXPECT_NE(reasons(row(p, field(no_section, "row_id"))).find("locator: section is empty"),
            std::string::npos);
  EXPECT_NE(
      reasons(row(p, field(no_time, "row_id"))).find("locator: full_text_checked_at is empty"),
      std::string::npos);
}

// A run writing the directory holds its lock: proof says so instead of reading half a run.
TEST_F(ProofTest, RefusesWhileARunWritesTheDirectory) {
  int fd = ::open((run_dir() / ".quire/lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  ProcessResult busy = proof();
  ::close(fd);
  EXPECT_EQ(busy.exit_code, 2);
  EXPECT_NE(busy.err.find("a quire run is writing"), std::string::npos) << busy.err;
  EXPECT_EQ(proof().exit_code, 0);
}

TEST_F(ProofTest, NoSupportedRowsIsNothingToProve) {
  CsvTable header_only = {matrix_[0]};
  write_text(dir_ / "empty.csv", write_csv(header_only));
  ProcessResult result = proof({"--matrix", (dir_ / "empty.csv").string(), "--threshold", "0"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  Json p = proof_json();
  EXPECT_EQ(p["verdict"], "nothing-to-prove");
  EXPECT_EQ(p["proof_score"], 0);
  EXPECT_TRUE(p["rows"].empty());
}

TEST_F(ProofTest, BadRunDirectoriesMatricesAndOptionsExitTwo) {
  ProcessResult missing = run_quire({"proof", (dir_ / "nowhere").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nowhere"), std::string::npos) << missing.err;

  fs::create_directories(dir_ / "not-a-run");
  ProcessResult no_record = run_quire({"proof", (dir_ / "not-a-run").string()});
  EXPECT_EQ(no_record.exit_code, 2);
  EXPECT_NE(no_record.err.find("production_run.json"), std::string::npos) << no_record.err;

  // A matrix without pdf_digest: the message names the column.
  size_t digest = column(matrix_, "pdf_digest");
  for (auto& record : matrix_) record.erase(record.begin() + digest);
  write_text(dir_ / "narrow.csv", write_csv(matrix_));
  ProcessResult narrow = proof({"--matrix", (dir_ / "narrow.csv").string()});
  EXPECT_EQ(narrow.exit_code, 2);
  EXPECT_NE(narrow.err.find("narrow.csv"), std::string::npos) << narrow.err;
  EXPECT_NE(narrow.err.find("pdf_digest"), std::string::npos) << narrow.err;

  // Malformed CSV: file and line.
  std::string good = read_text(run_dir() / "verify/evidence_matrix.csv");
  size_t line = std::count(good.begin(), good.end(), '\n') + 1;
  write_text(dir_ / "broken.csv", good + "X,\"never closed\r\n");
  ProcessResult broken = proof({"--matrix", (dir_ / "broken.csv").string()});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("broken.csv:" + std::to_string(line) + ":"), std::string::npos)
      << broken.err;

  ProcessResult absent = proof({"--matrix", (dir_ / "absent.csv").string()});
  EXPECT_EQ(absent.exit_code, 2);
  EXPECT_NE(absent.err.find("absent.csv"), std::string::npos) << absent.err;

  for (const char* bad : {"1.5", "-0.1"}) {
    ProcessResult r = proof({"--threshold", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--threshold"), std::string::npos) << r.err;
  }
  EXPECT_EQ(proof({"--jaccard", "0"}).exit_code, 2);
  EXPECT_EQ(run_quire({"proof"}).exit_code, 2);
}

}  // namespace
}  // namespace quire::testing
