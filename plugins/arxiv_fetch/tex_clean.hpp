// Plain text from the TeX that arXiv abstracts are written in.
#pragma once

#include <string>
#include <string_view>

namespace quire::arxiv {

// Turns an abstract's TeX into readable plain text (UTF-8), collapsing all whitespace:
//  - math ($..$, $$..$$, \(..\), \[..\]) loses its delimiters and stays readable: symbols become
//    Unicode (\alpha -> α, \le -> ≤, \times -> ×), x^2 and x_{ij} stay "x^2" and "x_ij",
//    multi-symbol scripts get parentheses (x^{n+1} -> "x^(n+1)"), \frac{a}{b} -> "a/b",
//    \mathrm{..}/\mathbf{..}/\text{..} keep their content, \mathbb{R} -> ℝ;
//  - a '$' opens math only when a closing '$' follows it (pandoc's rule: no space after the
//    opening one, none before the closing one, no digit right after it), so "$35,000" stays;
//  - \emph, \textit, \textbf, \texttt, \textsc, \mbox, \url... keep their argument; \href keeps
//    its text; \cite, \ref, \label vanish;
//  - accents become precomposed letters (\'e, \'{e}, {\"o}, \c{c}, \v{s}, \'\i -> é é ö ç š í),
//    or the letter plus a combining mark when no precomposed form exists;
//  - \ss \o \ae \aa \l ... -> ß ø æ å ł; --- -> —, -- -> –, ``..'' -> “..”, ~ -> space;
//    \& \% \$ \# \_ \{ \} -> the character; "\ " and \\ -> space; grouping braces go;
//  - a bare '%' is kept: abstracts are not compiled, and "25%" means percent;
//  - unknown commands keep their name without the backslash (\LaTeX -> "LaTeX").
std::string clean_tex(std::string_view tex);

}  // namespace quire::arxiv
