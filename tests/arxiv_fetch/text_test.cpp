#include "text.hpp"

#include <gtest/gtest.h>

#include "tex_clean.hpp"

namespace quire::arxiv {
namespace {

TEST(TextTest, CollapseWhitespace) {
  EXPECT_EQ(collapse_whitespace("  Quantum Criticality for\n  Extended\tNodes \r\n"),
            "Quantum Criticality for Extended Nodes");
  EXPECT_EQ(collapse_whitespace(" \n\t "), "");
  EXPECT_EQ(collapse_whitespace("é  ü"), "é ü");
}

TEST(TextTest, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(valid_utf8("ok é"), "ok é");
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated
}

TEST(TextTest, RepairsDoublyEncodedUtf8AsArxivServesIt) {
  bool repaired = false;
  EXPECT_EQ(repair_mojibake("Aurora RamÃ­rez", &repaired), "Aurora Ramírez");
  EXPECT_TRUE(repaired);
  EXPECT_EQ(repair_mojibake("JosÃ© RaÃºl Romero"), "José Raúl Romero");
  EXPECT_EQ(repair_mojibake("at most $Î±$ and $Î²$"), "at most $α$ and $β$");
  EXPECT_EQ(repair_mojibake("$(Ï\xC2\x80, 1-Ï\xC2\x80)$"), "$(π, 1-π)$");
}

TEST(TextTest, LeavesGenuineTextAlone) {
  bool repaired = true;
  for (const char* text : {"Ramírez", "José Raúl", "plain ASCII", "α ≤ β", "Ã alone", "naïve Â"}) {
    EXPECT_EQ(repair_mojibake(text, &repaired), text);
    EXPECT_FALSE(repaired) << text;
  }
}

TEST(TextTest, PhrasesMatchOnWordBoundariesIgnoringCaseAndHyphens) {
  EXPECT_TRUE(
      phrase_matches("Rotary Position Embedding (RoPE) for ...", "rotary position embedding"));
  EXPECT_TRUE(phrase_matches("We study RoPE.", "RoPE"));
  EXPECT_FALSE(phrase_matches("Trade in Europe", "RoPE"));  // not inside a word
  EXPECT_FALSE(phrase_matches("tropes", "RoPE"));
  EXPECT_TRUE(phrase_matches("rotary position embeddings", "rotary position embedding"));
  EXPECT_TRUE(phrase_matches("attention sinks emerge", "attention sink"));
  EXPECT_TRUE(phrase_matches("length-generalization fails", "length generalization"));
  EXPECT_TRUE(phrase_matches("massive\nactivations", "Massive Activations"));
  EXPECT_FALSE(phrase_matches("attention sinking", "attention sink"));
  EXPECT_FALSE(phrase_matches("anything", "  "));
}

TEST(TexCleanTest, MathStaysReadable) {
  EXPECT_EQ(clean_tex("we prove $x^2 + y_{ij} \\le \\alpha$ holds"),
            "we prove x^2 + y_ij ≤ α holds");
  EXPECT_EQ(clean_tex("$O(n^{k+1})$ time"), "O(n^(k+1)) time");
  EXPECT_EQ(clean_tex("a $\\delta$-function"), "a δ-function");
  EXPECT_EQ(clean_tex("$0.30 \\pm 0.04$"), "0.30 ± 0.04");
  EXPECT_EQ(clean_tex("$\\frac{1}{2}$ and $\\frac{a+b}{c}$"), "1/2 and (a+b)/c");
  EXPECT_EQ(clean_tex("$\\mathbb{R}^d$, $\\mathcal{O}(1)$, $\\mathrm{softmax}$"),
            "ℝ^d, O(1), softmax");
  EXPECT_EQ(clean_tex("$$E = mc^2$$"), "E = mc^2");
  EXPECT_EQ(clean_tex("\\(a \\times b\\) and \\[c \\cdot d\\]"), "a × b and c · d");
  EXPECT_EQ(clean_tex("$25\\%$ accuracy"), "25% accuracy");
  EXPECT_EQ(clean_tex("$f'$ and $x^\\prime$"), "f' and x′");
  EXPECT_EQ(clean_tex("$\\sqrt{d_k}$ and $\\sqrt{2}$"), "√(d_k) and √2");
  EXPECT_EQ(clean_tex("$\\left( a \\right)$"), "( a )");
}

TEST(TexCleanTest, DollarSignsThatAreNotMath) {
  EXPECT_EQ(clean_tex("awarded $35,000 in total"), "awarded $35,000 in total");
  EXPECT_EQ(clean_tex("costs $5 and $10"), "costs $5 and $10");
  EXPECT_EQ(clean_tex("a \\$3 fee"), "a $3 fee");
  EXPECT_EQ(clean_tex("unclosed $x"), "unclosed $x");
}

TEST(TexCleanTest, TextCommandsKeepTheirArgument) {
  EXPECT_EQ(clean_tex("\\emph{very} \\textit{much} \\textbf{so} \\texttt{code}"),
            "very much so code");
  EXPECT_EQ(clean_tex("see \\url{https://github.com/x/y} or \\href{https://a.b}{the site}"),
            "see https://github.com/x/y or the site");
  EXPECT_EQ(clean_tex("as shown~\\cite{vaswani2017} in Sec.~\\ref{sec:x}."), "as shown in Sec. .");
  EXPECT_EQ(clean_tex("{BERT} and {\\em GPT}"), "BERT and GPT");
  EXPECT_EQ(clean_tex("the \\LaTeX{} source"), "the LaTeX source");
}

TEST(TexCleanTest, AccentsBecomeLetters) {
  EXPECT_EQ(clean_tex("R\\'{e}nyi entropy"), "Rényi entropy");
  EXPECT_EQ(clean_tex("Schr\\\"odinger, G\\\"{o}del, na\\\"\\i ve"), "Schrödinger, Gödel, naïve");
  EXPECT_EQ(clean_tex("Erd\\H{o}s, Fran\\c{c}ois, \\v{S}\\'arka, Ho\\`a"),
            "Erdős, François, Šárka, Hoà");
  EXPECT_EQ(clean_tex("Stra\\ss e, Bj\\o rn, \\AA ngstr\\\"om, \\l\\'od\\'z"),
            "Straße, Bjørn, Ångström, łódź");
  EXPECT_EQ(clean_tex("{\\'e}t{\\'e}, \\^{\\i}le, \\~n"), "été, île, ñ");
  EXPECT_EQ(clean_tex("\\d{a}, \\u{g}"), "ạ, ğ");
  EXPECT_EQ(clean_tex("\\'x"), "x\xCC\x81");  // no precomposed form: combining acute
}

TEST(TexCleanTest, DashesQuotesSpacesAndEscapes) {
  EXPECT_EQ(clean_tex("Jensen--Shannon --- and that--at least"),
            "Jensen–Shannon — and that–at least");
  EXPECT_EQ(clean_tex("``quoted'' and `single'"), "“quoted” and ‘single'");
  EXPECT_EQ(clean_tex("i.i.d.\\ samples, 10\\,K, a~b, line\\\\break"),
            "i.i.d. samples, 10 K, a b, line break");
  EXPECT_EQ(clean_tex("R\\&D, 50\\% off, \\#1, snake\\_case, \\{set\\}"),
            "R&D, 50% off, #1, snake_case, {set}");
  EXPECT_EQ(clean_tex("up 25% since"), "up 25% since");
}

TEST(TexCleanTest, WhitespaceCollapsesAndUnicodeIsKept) {
  EXPECT_EQ(clean_tex("  We consider\nthe\n\n  problem.\n"), "We consider the problem.");
  EXPECT_EQ(clean_tex("Götz’s «idée» — 東京"), "Götz’s «idée» — 東京");
}

TEST(TexCleanTest, MalformedTexNeverThrowsOrLoops) {
  for (const char* text : {"\\", "{", "}", "$", "$$", "\\frac{", "\\'", "x^", "$x^{$", "\\(",
                           "\\emph{unclosed", "\\href{a}", "\\sqrt[3", "{{{{", "\\c"})
    EXPECT_NO_THROW(clean_tex(text)) << text;
  EXPECT_EQ(clean_tex("\\emph{unclosed"), "unclosed");
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "\\emph{";
  EXPECT_EQ(clean_tex(deep + "x").back(), 'x');  // no stack overflow
}

}  // namespace
}  // namespace quire::arxiv
