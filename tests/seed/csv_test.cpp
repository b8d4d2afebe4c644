// The RFC 4180 writer, checked against an independent reader.
#include <gtest/gtest.h>

#include <plugin_common/csv.hpp>

#include "csv_reader.hpp"

namespace quire::seed {
namespace {

using common::csv_field;
using common::csv_record;
using common::CsvWriter;
using testing::read_csv;

TEST(CsvTest, FieldsQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("carriage\rreturn"), "\"carriage\rreturn\"");
  EXPECT_EQ(csv_field("caf\xC3\xA9 [\xE2\x80\xA6]"), "caf\xC3\xA9 [\xE2\x80\xA6]");
}

TEST(CsvTest, RecordsEndWithCrlf) {
  EXPECT_EQ(csv_record({"a", "b,c", ""}), "a,\"b,c\",\r\n");
  CsvWriter csv({"x", "y"});
  csv.add({"1", "2"});
  EXPECT_EQ(csv.text(), "x,y\r\n1,2\r\n");
}

TEST(CsvTest, WidthMustMatchTheHeader) {
  CsvWriter csv({"x", "y"});
  EXPECT_THROW(csv.add({"only one"}), std::invalid_argument);
  EXPECT_THROW(CsvWriter({}), std::invalid_argument);
}

TEST(CsvTest, RoundTripWithCommasQuotesAndNewlines) {
  std::vector<std::vector<std::string>> rows = {
      {"EV-2401.00001-0a1b2c3d", "We find, in short, that it works.", "plain"},
      {"EV-2401.00002-1a2b3c4d", "They call it \"the sink\", and so do we.", ""},
      {"EV-2401.00003-2a3b4c5d", "Two\nlines", "with\r\nCRLF inside"},
      {"EV-2401.00004-3a4b5c6d", "\"", ",,,"},
      {"EV-2401.00005-4a5b6c7d",
       "Gains of 3\xE2\x80\x93"
       "5 points [\xE2\x80\xA6] hold.",
       " lead"},
  };
  CsvWriter csv({"row_id", "claim", "note"});
  for (const auto& row : rows) csv.add(row);
  auto table = read_csv(csv.text());
  ASSERT_EQ(table.size(), rows.size() + 1);
  EXPECT_EQ(table[0], (std::vector<std::string>{"row_id", "claim", "note"}));
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(table[i + 1], rows[i]);
}

}  // namespace
}  // namespace quire::seed
