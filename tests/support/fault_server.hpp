// A real HTTP server on loopback that misbehaves on request, for testing the HTTP client
// against the faults it meets in the wild. Binds 127.0.0.1 on a free port, serves from its own
// threads, and stops in the destructor.
//
// Routes (GET):
//   /ok                  200 text/plain kOkBody
//   /retry-after-once    429 with "Retry-After: 1" on the first call, then 200 "recovered"
//   /unavailable-twice   503 on the first two calls, then 200 "recovered"
//   /unavailable         503 always
//   /cut                 declares cut_body().size() bytes, sends half, closes the connection
//   /slow                200 after kSlowMs (past any test timeout)
//   /delay/<ms>          200 after <ms> milliseconds
//   /loop                302 to itself, forever
//   /big, /big-chunked   kBigSize bytes, with Content-Length / chunked
//   /gzip                kGzipPlain, sent gzip-encoded (Content-Encoding: gzip)
//   /bad-query           400 with an Atom error feed, as arXiv's API answers a bad query
//   /paper.pdf           200 text/html: a "PDF" URL that serves a web page
//   /truncated.pdf       application/pdf that stops before %%EOF
//   /real.pdf            a complete, well-formed PDF (sample_pdf())
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace quire::testing {

class FaultServer {
 public:
  using Clock = std::chrono::steady_clock;

  // One request as the server saw it arrive.
  struct Hit {
    std::string path;
    std::string host;  // the Host header, e.g. "localhost:41234"
    std::string user_agent;
    Clock::time_point arrived;
  };

  static constexpr const char* kOkBody = "hello from the fault server\n";
  static constexpr const char* kGzipPlain =
      "this text travelled gzip-encoded and must arrive decoded\n";
  static constexpr size_t kBigSize = 2u << 20;
  static constexpr int kSlowMs = 3000;

  FaultServer();
  ~FaultServer();
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;

  int port() const;
  // "http://<host>:<port><path>"; "localhost" reaches the same server under another host name.
  std::string url(const std::string& path, const std::string& host = "127.0.0.1") const;

  // Requests seen so far, in arrival order; `path` selects one route.
  std::vector<Hit> hits() const;
  std::vector<Hit> hits(const std::string& path) const;

  // The body /cut declares; it sends only the first half.
  static std::string cut_body();
  // A small, structurally valid PDF (header, objects, xref table, trailer, %%EOF).
  static std::string sample_pdf();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire::testing
