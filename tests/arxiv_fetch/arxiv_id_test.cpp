#include "arxiv_id.hpp"

#include <gtest/gtest.h>

#include "pdf.hpp"

namespace quire::arxiv {
namespace {

TEST(ArxivIdTest, NewStyleWithAndWithoutVersion) {
  auto id = parse_arxiv_id("2104.09864v5");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->base, "2104.09864");
  EXPECT_EQ(id->version, 5);
  EXPECT_FALSE(id->old_style);
  EXPECT_EQ(id->str(), "2104.09864v5");
  EXPECT_EQ(id->file_stem(), "2104.09864v5");

  auto plain = parse_arxiv_id("0704.0001");  // the 4-digit numbering of 2007-2014
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->version, 0);
  EXPECT_FALSE(plain->versioned());
  EXPECT_EQ(plain->str(), "0704.0001");
  EXPECT_EQ(parse_arxiv_id("2104.09864v12")->version, 12);
}

TEST(ArxivIdTest, OldStyleIdsAndTheirFileNames) {
  auto id = parse_arxiv_id("astro-ph/0601001v1");
  ASSERT_TRUE(id);
  EXPECT_TRUE(id->old_style);
  EXPECT_EQ(id->base, "astro-ph/0601001");
  EXPECT_EQ(id->file_stem(), "astro-ph_0601001v1");
  EXPECT_EQ(pdf_output_name(*id), "astro-ph_0601001v1.pdf");

  auto subject = parse_arxiv_id("math.GT/0309136");
  ASSERT_TRUE(subject);
  EXPECT_EQ(subject->base, "math.GT/0309136");
  EXPECT_EQ(pdf_output_name(*subject), "math.GT_0309136.pdf");
  EXPECT_TRUE(parse_arxiv_id("cond-mat/0412498v1"));
  EXPECT_TRUE(parse_arxiv_id("hep-th/9901001"));
}

TEST(ArxivIdTest, HostileAndMalformedIdsAreRejected) {
  for (const char* bad : {
           "",
           "../../etc/passwd",
           "2104.09864/../../x",
           "/etc/passwd",
           "2104.09864v5/",
           "..",
           "2104.09864v5.pdf",
           "2104.09864 v5",
           " 2104.09864",
           "2104.09864v0",   // versions start at 1
           "2104.09864v",    // no version number
           "2104.09864v05",  // leading zero
           "2104.09864v12345",
           "2104.098",     // too few digits
           "2104.098645",  // too many digits
           "21040.9864",
           "abc",
           "Astro-ph/0601001",  // archives are lower case
           "astro-ph/060100",   // seven digits
           "astro-ph/06010011",
           "astro-ph.xx/0601001",
           "astro-ph.ABC/0601001",
           "-astro/0601001",
           "astro-ph\\0601001",
           "astro-ph//0601001",
           "arXiv:2104.09864",  // the prefix is only for user ids
       })
    EXPECT_FALSE(parse_arxiv_id(bad)) << bad;
  EXPECT_FALSE(parse_arxiv_id(std::string("2104.09864\0v5", 13)));
  EXPECT_FALSE(parse_arxiv_id(std::string("2104.09864v5\0", 13)));
  EXPECT_FALSE(parse_arxiv_id("astro-ph" + std::string(60, 'x') + "/0601001"));  // > 64 bytes
}

TEST(ArxivIdTest, UserIdsMayCarryTheArxivPrefix) {
  EXPECT_EQ(parse_user_id("arXiv:2104.09864v5")->str(), "2104.09864v5");
  EXPECT_EQ(parse_user_id("ARXIV:astro-ph/0601001")->str(), "astro-ph/0601001");
  EXPECT_FALSE(parse_user_id("arXiv:../x"));
  EXPECT_FALSE(parse_user_id("arXiv:"));
}

TEST(ArxivIdTest, EntryUrls) {
  EXPECT_EQ(parse_entry_url("http://arxiv.org/abs/2104.12255v1")->str(), "2104.12255v1");
  EXPECT_EQ(parse_entry_url("https://arxiv.org/abs/cond-mat/0412498v1")->str(),
            "cond-mat/0412498v1");
  EXPECT_FALSE(parse_entry_url("https://arxiv.org/api/errors#incorrect_id_format_for_abc"));
  EXPECT_FALSE(parse_entry_url("http://evil.example/abs/2104.12255v1"));
  EXPECT_FALSE(parse_entry_url("http://arxiv.org/abs/../../2104.12255v1"));
  EXPECT_FALSE(parse_entry_url("2104.12255v1"));
}

TEST(ArxivIdTest, PrintableEscapesControlBytesAndTruncates) {
  EXPECT_EQ(printable(std::string("a\0b\n", 4)), "a\\x00b\\x0A");
  EXPECT_EQ(printable(std::string(100, 'x')), std::string(80, 'x') + "...");
}

TEST(ArxivIdTest, UrlsAreBuiltFromTheVersionedId) {
  auto id = *parse_arxiv_id("2201.13452v1");
  EXPECT_EQ(pdf_url("https://arxiv.org/pdf/", id), "https://arxiv.org/pdf/2201.13452v1");
  EXPECT_EQ(pdf_url("https://export.arxiv.org/pdf", id),
            "https://export.arxiv.org/pdf/2201.13452v1");
  EXPECT_EQ(abs_url(id), "https://arxiv.org/abs/2201.13452v1");
}

}  // namespace
}  // namespace quire::arxiv
