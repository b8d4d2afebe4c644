// Recorded responses: stable keys, a record only ever pointing at a complete body, and cache
// maintenance that keeps what --no-fresh will replay.
#include "net/response_record.hpp"

#include <gtest/gtest.h>

#include "cache/maintenance.hpp"
#include "net/pdf_check.hpp"
#include "support/temp_dir.hpp"
#include "util/digest.hpp"

namespace quire {
namespace {

HttpRequest with_headers(std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest r;
  r.url = "https://export.arxiv.org/api/query?id_list=1234.5678";
  r.headers = std::move(headers);
  return r;
}

TEST(RequestKeyTest, HeaderOrderAndNameCaseDoNotMatterValuesDo) {
  auto key = request_key(with_headers({{"Accept", "application/atom+xml"}, {"X-A", "1"}}));
  EXPECT_EQ(key, request_key(with_headers({{"x-a", "1"}, {"ACCEPT", "application/atom+xml"}})));
  EXPECT_NE(key, request_key(with_headers({{"Accept", "text/html"}, {"X-A", "1"}})));
  EXPECT_NE(key, request_key(with_headers({})));
  EXPECT_EQ(request_key(with_headers({})), sha256_hex("GET " + with_headers({}).url + "\n"));
}

class ResponseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cache = Cache::open(dir_ / "cache");
    ASSERT_TRUE(cache.ok()) << cache.status().message();
    cache_.emplace(std::move(*cache));
  }
  ResponseRecord record_for(const std::string& body) const {
    ResponseRecord r;
    r.key = std::string(64, 'b');
    r.url = r.final_url = "http://example.org/x";
    r.status = 200;
    r.content_type = "text/plain";
    r.body_digest = digest_of(body);
    r.size = body.size();
    r.recorded_at = 42;
    return r;
  }
  testing::TempDir dir_;
  std::optional<Cache> cache_;
};

TEST_F(ResponseStoreTest, SavedRecordRoundTrips) {
  ResponseStore store(*cache_);
  auto record = record_for("body");
  ASSERT_TRUE(store.save(record, "body").ok());
  auto found = store.find(record.key);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->to_json(), record.to_json());
  std::string body;
  EXPECT_EQ(store.read_body(*found, &body), Cache::Read::kOk);
  EXPECT_EQ(body, "body");
}

TEST_F(ResponseStoreTest, RecordNotMatchingItsBodyIsRefused) {
  ResponseStore store(*cache_);
  auto record = record_for("body");
  EXPECT_FALSE(store.save(record, "other body").ok());
  EXPECT_FALSE(store.find(record.key).has_value());
}

TEST_F(ResponseStoreTest, UnreadableRecordIsQuarantinedAndAbsent) {
  ResponseStore store(*cache_);
  auto key = std::string(64, 'c');
  testing::write_text(cache_->http_record_path(key), "{\"key\": trunc");
  EXPECT_FALSE(store.find(key).has_value());
  EXPECT_EQ(cache_stats(*cache_).quarantined, 1u);
}

TEST_F(ResponseStoreTest, GcKeepsRecordedBodiesAndVerifyChecksThem) {
  ResponseStore store(*cache_);
  auto record = record_for("recorded body");
  ASSERT_TRUE(store.save(record, "recorded body").ok());
  ASSERT_TRUE(cache_->put_object("unreferenced").ok());
  auto gc = collect_garbage(*cache_, {});
  ASSERT_TRUE(gc.ok()) << gc.status().message();
  EXPECT_EQ(gc->objects_removed, 1u);
  EXPECT_TRUE(cache_->has_object(record.body_digest));
  EXPECT_EQ(cache_stats(*cache_).http_records, 1u);
  EXPECT_TRUE(verify_cache(*cache_).errors.empty());

  std::filesystem::remove(cache_->object_path(record.body_digest));
  auto report = verify_cache(*cache_);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].find("HTTP record"), std::string::npos) << report.errors[0];
}

TEST(PdfCheckTest, SaysWhyABodyIsNotAWholePdf) {
  EXPECT_EQ(check_pdf("%PDF-1.7\n...\n%%EOF\n", "application/pdf"), "");
  EXPECT_EQ(check_pdf("", "application/pdf"),
            "not a PDF (empty body, content-type application/pdf)");
  EXPECT_EQ(check_pdf("<!DOCTYPE html>\n<html>", "text/html"),
            "not a PDF (starts with '<!DOCTYPE html>...', content-type text/html)");
  EXPECT_EQ(check_pdf(std::string("\x1f\x8b\x08\x00rest", 8), ""),
            "not a PDF (starts with bytes 1f 8b 08 00, no content-type)");
  EXPECT_EQ(check_pdf("%PDF-1.4\n" + std::string(5000, 'x'), "application/pdf"),
            "truncated PDF (no %%EOF in the last 2048 bytes)");
  // %%EOF early in a long file is not the end of it.
  EXPECT_NE(check_pdf("%PDF-1.4\n%%EOF\n" + std::string(5000, 'x'), "application/pdf"), "");
}

}  // namespace
}  // namespace quire
