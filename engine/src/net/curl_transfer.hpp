// One HTTP GET with libcurl: redirects, decompression, time and size limits. No retries, no
// politeness and no caching here; http_service.cpp builds those on top.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace quire {

struct TransferOptions {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string user_agent;
  uint64_t max_bytes = 0;  // of the decoded body
  int64_t timeout_ms = 0;  // the whole transfer, redirects included
  int64_t connect_timeout_ms = 0;
  int max_redirects = 0;
  const std::atomic<bool>* cancelled = nullptr;  // aborts the transfer when it becomes true
};

enum class TransferError {
  kNone,
  kTimeout,           // connect or transfer time limit reached
  kConnection,        // refused, reset, closed early, partial body: may work next time
  kTooLarge,          // the body exceeds max_bytes
  kTooManyRedirects,  // more than max_redirects (a redirect loop)
  kCancelled,
  kOther,  // bad URL, TLS, DNS, bad encoding...: retrying will not help
};

struct TransferResult {
  TransferError error = TransferError::kNone;
  std::string error_text;  // why, when error != kNone
  int status = 0;          // of the last response; 0 when none arrived
  std::string final_url;
  std::string content_type;
  std::string retry_after;  // the last response's Retry-After header, as sent
  std::string body;         // decoded; complete only when error == kNone
};

TransferResult perform_transfer(const TransferOptions& options);

// The lower-case host name of an http:// or https:// URL; empty when the URL is not one.
std::string http_url_host(const std::string& url);

}  // namespace quire
