#include "tex_tables.hpp"

#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

namespace quire::arxiv {
namespace {

// Control words and the text they stand for, as "name text" pairs separated by spaces.
constexpr const char* kSymbols =
    "alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ vartheta ϑ "
    "iota ι kappa κ lambda λ mu μ nu ν xi ξ pi π varpi ϖ rho ρ varrho ϱ sigma σ varsigma ς "
    "tau τ upsilon υ phi ϕ varphi φ chi χ psi ψ omega ω Gamma Γ Delta Δ Theta Θ Lambda Λ "
    "Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ Psi Ψ Omega Ω le ≤ leq ≤ ge ≥ geq ≥ ne ≠ neq ≠ "
    "approx ≈ sim ∼ simeq ≃ cong ≅ equiv ≡ propto ∝ ll ≪ gg ≫ pm ± mp ∓ times × cdot · div ÷ "
    "circ ∘ ast ∗ star ⋆ oplus ⊕ otimes ⊗ infty ∞ partial ∂ nabla ∇ sum ∑ prod ∏ int ∫ "
    "oint ∮ forall ∀ exists ∃ in ∈ notin ∉ ni ∋ subset ⊂ subseteq ⊆ supset ⊃ supseteq ⊇ "
    "cup ∪ cap ∩ emptyset ∅ varnothing ∅ wedge ∧ land ∧ vee ∨ lor ∨ neg ¬ lnot ¬ to → "
    "rightarrow → leftarrow ← gets ← Rightarrow ⇒ Leftarrow ⇐ leftrightarrow ↔ "
    "Leftrightarrow ⇔ iff ⇔ implies ⇒ mapsto ↦ uparrow ↑ downarrow ↓ ell ℓ hbar ℏ Re ℜ Im ℑ "
    "aleph ℵ prime ′ dagger † dag † ddagger ‡ langle ⟨ rangle ⟩ lfloor ⌊ rfloor ⌋ lceil ⌈ "
    "rceil ⌉ mid | vert | Vert ‖ perp ⊥ parallel ∥ angle ∠ dots … ldots … cdots ⋯ "
    "vdots ⋮ ddots ⋱ lbrace { rbrace } backslash \\ setminus ∖ top ⊤ bot ⊥ deg deg "
    "textendash – textemdash — textasciitilde ~ textasciicircum ^ textbackslash \\ textbar | "
    "textless < textgreater > textdegree ° degree ° S § P ¶ copyright © textregistered ® "
    "texttrademark ™ textquoteleft ‘ textquoteright ’ textquotedblleft “ textquotedblright ” "
    "textbullet • euro € pounds £";

// Control words that leave one space behind.
constexpr const char* kSpaces = "quad qquad enspace thinspace par newline";

// Control words that leave nothing behind (sizing, spacing, font switches).
constexpr const char* kNothing =
    "left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr displaystyle textstyle "
    "scriptstyle limits nolimits nonumber noindent relax centering small footnotesize large "
    "Large normalsize bf it em rm sc tt sf sl bfseries itshape ttfamily rmfamily sffamily "
    "scshape upshape mdseries normalfont";

// Letters written as control words: "name letter" pairs.
constexpr const char* kLetters =
    "ss ß o ø O Ø ae æ AE Æ oe œ OE Œ aa å AA Å l ł L Ł i ı j ȷ dh ð DH Ð th þ TH Þ ng ŋ "
    "NG Ŋ DJ Đ dj đ";

constexpr const char* kKeepArgument =
    "emph textit textbf texttt textsc textrm textsf textup textsl textmd textnormal "
    "underline uline mbox hbox fbox text textsuperscript mathrm mathbf mathit mathsf mathtt "
    "mathcal mathscr mathfrak mathnormal boldsymbol bm operatorname mathop mathord mathbin "
    "mathrel pmb overline widetilde widehat tilde hat bar vec dot ddot check breve acute "
    "grave";

constexpr const char* kDropArgument =
    "cite citep citet citealp citeauthor citeyear ref eqref autoref cref Cref label footnote "
    "footnotemark thanks vspace hspace vskip hskip phantom hphantom vphantom index";

std::vector<std::string> words(const char* text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::map<std::string, std::string> pairs(const char* text) {
  std::vector<std::string> list = words(text);
  std::map<std::string, std::string> out;
  for (size_t i = 0; i + 1 < list.size(); i += 2) out[list[i]] = list[i + 1];
  return out;
}

const std::map<std::string, std::string>& symbols() {
  static const std::map<std::string, std::string> table = [] {
    std::map<std::string, std::string> all = pairs(kSymbols);
    for (const auto& name : words(kSpaces)) all[name] = " ";
    for (const auto& name : words(kNothing)) all[name] = "";
    return all;
  }();
  return table;
}

// Generated from Unicode NFC (Latin letters up to U+1EFF).
// clang-format off
const std::vector<TexAccent>& accents() {
  static const std::vector<TexAccent> table = {
      {'\'', 0x301, "acegiklmnoprsuwyzACEGIKLMNOPRSUWYZ",
       "áćéǵíḱĺḿńóṕŕśúẃýźÁĆÉǴÍḰĹḾŃÓṔŔŚÚẂÝŹ"},
      {'`', 0x300, "aeinouwyAEINOUWY",
       "àèìǹòùẁỳÀÈÌǸÒÙẀỲ"},
      {'^', 0x302, "aceghijosuwyzACEGHIJOSUWYZ",
       "âĉêĝĥîĵôŝûŵŷẑÂĈÊĜĤÎĴÔŜÛŴŶẐ"},
      {'"', 0x308, "aehiotuwxyAEHIOUWXY",
       "äëḧïöẗüẅẍÿÄËḦÏÖÜẄẌŸ"},
      {'~', 0x303, "aeinouvyAEINOUVY",
       "ãẽĩñõũṽỹÃẼĨÑÕŨṼỸ"},
      {'=', 0x304, "aegiouyAEGIOUY",
       "āēḡīōūȳĀĒḠĪŌŪȲ"},
      {'.', 0x307, "abcdefghmnoprstwxyzABCDEFGHIMNOPRSTWXYZ",
       "ȧḃċḋėḟġḣṁṅȯṗṙṡṫẇẋẏżȦḂĊḊĖḞĠḢİṀṄȮṖṘṠṪẆẊẎŻ"},
      {'c', 0x327, "cdeghklnrstCDEGHKLNRST",
       "çḑȩģḩķļņŗşţÇḐȨĢḨĶĻŅŖŞŢ"},
      {'v', 0x30C, "acdeghijklnorstuzACDEGHIKLNORSTUZ",
       "ǎčďěǧȟǐǰǩľňǒřšťǔžǍČĎĚǦȞǏǨĽŇǑŘŠŤǓŽ"},
      {'u', 0x306, "aegiouAEGIOU",
       "ăĕğĭŏŭĂĔĞĬŎŬ"},
      {'H', 0x30B, "ouOU",
       "őűŐŰ"},
      {'r', 0x30A, "auwyAU",
       "åůẘẙÅŮ"},
      {'k', 0x328, "aeiouAEIOU",
       "ąęįǫųĄĘĮǪŲ"},
      {'d', 0x323, "abdehiklmnorstuvwyzABDEHIKLMNORSTUVWYZ",
       "ạḅḍẹḥịḳḷṃṇọṛṣṭụṿẉỵẓẠḄḌẸḤỊḲḶṂṆỌṚṢṬỤṾẈỴẒ"},
  };
  return table;
}
// clang-format on

}  // namespace

std::string compose(const TexAccent& accent, char letter) {
  const char* at = letter == '\0' ? nullptr : std::strchr(accent.letters, letter);
  if (at == nullptr) return {};
  // Skip as many UTF-8 characters of `composed` as letters precede `letter`.
  std::string_view composed = accent.composed;
  size_t pos = 0;
  for (ptrdiff_t i = 0; i < at - accent.letters; ++i) {
    ++pos;
    while (pos < composed.size() && (static_cast<unsigned char>(composed[pos]) & 0xC0) == 0x80)
      ++pos;
  }
  size_t end = pos + 1;
  while (end < composed.size() && (static_cast<unsigned char>(composed[end]) & 0xC0) == 0x80) ++end;
  return std::string(composed.substr(pos, end - pos));
}

const TexAccent* find_accent(char command) {
  for (const auto& a : accents())
    if (a.command == command) return &a;
  return nullptr;
}

const std::string* tex_symbol(const std::string& name) {
  auto it = symbols().find(name);
  return it == symbols().end() ? nullptr : &it->second;
}

const std::string* tex_letter(const std::string& name) {
  static const std::map<std::string, std::string> table = pairs(kLetters);
  auto it = table.find(name);
  return it == table.end() ? nullptr : &it->second;
}

bool tex_keeps_argument(const std::string& name) {
  static const std::vector<std::string> list = words(kKeepArgument);
  static const std::set<std::string> table(list.begin(), list.end());
  return table.count(name) > 0;
}

bool tex_drops_argument(const std::string& name) {
  static const std::vector<std::string> list = words(kDropArgument);
  static const std::set<std::string> table(list.begin(), list.end());
  return table.count(name) > 0;
}

}  // namespace quire::arxiv
