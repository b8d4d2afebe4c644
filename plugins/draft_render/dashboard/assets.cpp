#include "sections.hpp"

namespace quire::draft::dash {

std::string css_token(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    out += keep ? c : '-';
  }
  return out.empty() ? "none" : out;
}

const char* page_style() {
  return R"CSS(
:root{--fg:#1d2430;--muted:#5b6573;--line:#d8dde4;--bg:#f5f7fa;--card:#fff;--accent:#2459a8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Arial,sans-serif}
header.top{background:#1f2a3c;color:#fff;padding:20px 28px 16px}
header.top h1{margin:0 0 4px;font-size:22px}
header.top p{margin:0;color:#c9d2df}
nav{display:flex;gap:16px;padding:8px 28px;background:#283548}
nav a{color:#dbe5f5;text-decoration:none;font-weight:600}
main{padding:16px 28px 40px;max-width:1500px}
section.block{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
h2{margin:0 0 10px;font-size:18px}
h3{margin:18px 0 8px;font-size:15px}
h3 small{font-weight:400;color:var(--muted)}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:16px 0}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.tile .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.tile .v{font-size:26px;font-weight:700;margin:2px 0}
.tile .s{color:var(--muted);font-size:12.5px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-size:12.5px;position:sticky;top:0}
td.claim{min-width:320px}
td.num{text-align:right;white-space:nowrap}
td.rowid,td.nowrap{white-space:nowrap;word-break:normal}
.mono{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.ptitle{color:var(--muted);font-size:12.5px}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;white-space:nowrap;background:#e5e8ec;color:#333}
.st-supported,.st-corroborated,.v-ready{background:#d8f0dc;color:#17602a}
.st-preliminary-linked,.st-inconclusive,.v-needs-work,.sev-warning{background:#fff1c7;color:#7a5600}
.st-not-found,.st-contradicted,.st-unverifiable,.v-blocked,.sev-error{background:#fbd9d7;color:#8a1c14}
.sev-info{background:#dde9fb;color:#1d4d8f}
.fit-in-scope{background:#d8f0dc;color:#17602a}.fit-weak-scope{background:#fff1c7;color:#7a5600}
.fit-out-of-scope{background:#fbd9d7;color:#8a1c14}.fit-probe{background:#e9defa;color:#4b2a86}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:10px}
.filters label{font-size:12.5px;color:var(--muted)}
.filters select,.filters input{font:inherit;padding:3px 6px;margin-left:4px}
#ledger-count{font-weight:600}
.quotes{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:14px}
.quote{border:1px solid var(--line);border-radius:8px;padding:10px 12px;overflow:hidden}
.quote blockquote{margin:6px 0;padding:4px 10px;border-left:4px solid #f0b400;background:#fffbea}
.quote .meta{color:var(--muted);font-size:12.5px;margin:4px 0}
.quote img{display:block;max-width:100%;height:auto;border:1px solid var(--line);margin-top:6px}
.reason{color:#8a1c14;font-size:13px}
.empty{color:var(--muted);font-style:italic}
.verdict{font-size:18px;font-weight:700;padding:6px 12px;border-radius:6px;display:inline-block}
.scores{display:flex;flex-wrap:wrap;gap:6px 18px;margin:8px 0;font-size:13px}
.round h3{margin-top:14px}
.summary{color:var(--muted);font-size:12.5px;margin:2px 0 6px}
.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:14px;align-items:start}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:8px;background:#fff;overflow-x:auto}
svg.chart{width:100%;height:auto;display:block}
svg.heat{max-width:100%;height:auto;display:block}
svg text{font-family:system-ui,"DejaVu Sans",Arial,sans-serif;fill:#1d2430}
svg .title{font-size:15px;font-weight:600}
svg .tick{font-size:11px;fill:#4a5260}
svg .label{font-size:12.5px}
svg .label.small{font-size:11px}
svg .legend{font-size:11.5px}
svg .note{font-size:11px;fill:#8a1c14}
svg .grid{stroke:#e6e9ee;stroke-width:1}
svg .axis{stroke:#59606b;stroke-width:1.2}
svg .cell{stroke:#fff;stroke-width:1}
svg .cellv{font-size:12px}
svg .cellv.dark{fill:#fff}
footer{color:var(--muted);font-size:12px;padding:0 28px 24px}
)CSS";
}

// Filters the ledger table by the selects and the search box; the initial state comes from the
// URL fragment (#status=supported&fit=in-scope&depth=full-text&q=text), which is kept in step.
// It logs nothing, and marks the body data-ready="1" once the filters are applied.
const char* page_script() {
  return R"JS(
(function () {
  'use strict';
  var keys = ['status', 'fit', 'depth'];
  var table = document.getElementById('ledger-table');
  var count = document.getElementById('ledger-count');
  var search = document.getElementById('f-q');
  var rows = table ? table.tBodies[0].rows : [];
  function select(key) { return document.getElementById('f-' + key); }
  function choose(key, value) {
    var s = select(key);
    if (!s) return;
    var found = false;
    for (var i = 0; i < s.options.length; i++) if (s.options[i].value === value) found = true;
    if (!found) s.add(new Option(value + ' (0)', value));
    s.value = value;
  }
  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, ' ')); } catch (e) { return text; }
  }
  function fromHash() {
    var hash = location.hash.replace(/^#/, '');
    if (hash.indexOf('=') < 0) return false;
    keys.forEach(function (k) { choose(k, ''); });
    if (search) search.value = '';
    hash.split('&').forEach(function (part) {
      var at = part.indexOf('=');
      if (at < 0) return;
      var key = decode(part.slice(0, at)), value = decode(part.slice(at + 1));
      if (keys.indexOf(key) >= 0) choose(key, value);
      else if (key === 'q' && search) search.value = value;
    });
    return true;
  }
  function toHash() {
    var parts = [];
    keys.forEach(function (k) {
      var s = select(k);
      if (s && s.value) parts.push(k + '=' + encodeURIComponent(s.value));
    });
    if (search && search.value) parts.push('q=' + encodeURIComponent(search.value));
    try { history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname); } catch (e) { /* file: URLs may refuse */ }
  }
  function apply() {
    var wanted = {};
    keys.forEach(function (k) { var s = select(k); wanted[k] = s ? s.value : ''; });
    var needle = search ? search.value.toLowerCase() : '';
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], ok = true;
      keys.forEach(function (k) { if (wanted[k] && row.getAttribute('data-' + k) !== wanted[k]) ok = false; });
      if (ok && needle && row.textContent.toLowerCase().indexOf(needle) < 0) ok = false;
      row.hidden = !ok;
      if (ok) shown++;
    }
    if (count) count.textContent = 'showing ' + shown + ' of ' + rows.length + ' rows';
  }
  keys.forEach(function (k) {
    var s = select(k);
    if (s) s.addEventListener('change', function () { apply(); toHash(); });
  });
  if (search) search.addEventListener('input', function () { apply(); toHash(); });
  window.addEventListener('hashchange', function () { if (fromHash()) apply(); });
  fromHash();
  apply();
  document.body.dataset.ready = '1';
})();
)JS";
}

}  // namespace quire::draft::dash
