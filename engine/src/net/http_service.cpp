#include "net/http_service.hpp"

#include <chrono>
#include <ctime>
#include <quire/version.hpp>
#include <random>
#include <thread>

#include "net/curl_transfer.hpp"
#include "net/host_gate.hpp"
#include "net/pdf_check.hpp"
#include "net/response_record.hpp"
#include "net/retry_policy.hpp"
#include "util/digest.hpp"

namespace quire {

namespace {

// What one request runs under: its own values where it set them, the settings' elsewhere.
struct RequestPlan {
  std::string key;
  std::string host;
  int64_t interval_ms = 0;
  RetryPolicy retry;
  TransferOptions transfer;
};

bool is_success(int status) { return status >= 200 && status <= 299; }

bool worth_retrying(const TransferResult& result) {
  switch (result.error) {
    case TransferError::kNone:
      return is_retryable_status(result.status);
    case TransferError::kTimeout:
    case TransferError::kConnection:
      return true;
    default:
      return false;
  }
}

// Header names and values go into the request verbatim; a line break would smuggle in another
// header (or change the record key without changing the request).
std::string check_headers(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || name.find_first_of(":\r\n \t") != std::string::npos)
      return "bad request header name '" + name + "'";
    if (value.find_first_of("\r\n") != std::string::npos)
      return "request header '" + name + "' contains a line break";
  }
  return {};
}

// Sleeps `ms`, waking every 100 ms to see whether the run is being cancelled.
bool sleep_unless_cancelled(int64_t ms, const std::atomic<bool>* cancelled) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    if (cancelled != nullptr && cancelled->load()) return false;
    auto now = std::chrono::steady_clock::now();
    if (now >= until) return true;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(until - now, std::chrono::milliseconds(100)));
  }
}

std::mt19937_64& jitter_rng() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return rng;
}

std::string request_line(const HttpRequest& request) { return "GET " + request.url; }

}  // namespace

struct HttpService::Impl {
  Impl(const Cache& cache, HttpSettings s)
      : settings(std::move(s)),
        store(cache),
        gate(settings.host_min_interval_ms, settings.min_interval_ms) {
    if (settings.user_agent.empty())
      settings.user_agent = std::string("quire/") + QUIRE_VERSION_STRING;
  }

  RequestPlan plan(const HttpRequest& request, const std::atomic<bool>* cancelled) const;
  bool replay(const HttpRequest& request, const ResponseRecord& record,
              HttpResponse* response) const;
  bool fetch(const HttpRequest& request, const RequestPlan& plan, HttpResponse* response);
  bool finish(const HttpRequest& request, const RequestPlan& plan, TransferResult result,
              HttpResponse* response) const;

  HttpSettings settings;
  ResponseStore store;
  HostGate gate;
};

RequestPlan HttpService::Impl::plan(const HttpRequest& request,
                                    const std::atomic<bool>* cancelled) const {
  RequestPlan p;
  p.key = request_key(request);
  p.host = http_url_host(request.url);
  p.interval_ms = gate.interval_for(p.host, request.min_interval_ms);
  p.retry.max_retries = request.max_retries >= 0 ? request.max_retries : settings.max_retries;
  p.retry.base_ms = request.retry_base_ms >= 0 ? request.retry_base_ms : settings.retry_base_ms;
  p.retry.max_wait_ms = settings.retry_max_ms;
  TransferOptions& t = p.transfer;
  t.url = request.url;
  t.headers = request.headers;
  t.user_agent = settings.user_agent;
  t.max_bytes = request.max_bytes > 0 ? request.max_bytes : settings.max_bytes;
  t.timeout_ms = request.timeout_ms > 0 ? request.timeout_ms : settings.timeout_ms;
  t.connect_timeout_ms = std::min(settings.connect_timeout_ms, t.timeout_ms);
  t.max_redirects = settings.max_redirects;
  t.cancelled = cancelled;
  return p;
}

// Serves a recorded response; the same checks apply as to a fresh one, so a record made by a
// request without expect_pdf cannot pass for a PDF.
bool HttpService::Impl::replay(const HttpRequest& request, const ResponseRecord& record,
                               HttpResponse* response) const {
  std::string body;
  auto read = store.read_body(record, &body);
  if (read != Cache::Read::kOk) {
    response->not_recorded = true;
    response->error = "the recorded response for " + request_line(request) +
                      " has lost its body (" + record.body_digest + " is " +
                      (read == Cache::Read::kCorrupt ? "corrupt" : "missing") + " in the cache)";
    return false;
  }
  response->status = record.status;
  response->url = record.final_url;
  response->content_type = record.content_type;
  response->replayed = true;
  response->attempts = 0;
  uint64_t max_bytes = request.max_bytes > 0 ? request.max_bytes : settings.max_bytes;
  if (body.size() > max_bytes) {
    response->error = request_line(request) + ": recorded body larger than the limit of " +
                      std::to_string(max_bytes) + " bytes";
    return false;
  }
  if (request.expect_pdf && is_success(record.status))
    if (auto why = check_pdf(body, record.content_type); !why.empty()) {
      response->error = request_line(request) + ": " + why;  // as the fresh run said it
      return false;
    }
  response->body_digest = record.body_digest;
  response->body = std::move(body);
  return true;
}

bool HttpService::Impl::fetch(const HttpRequest& request, const RequestPlan& plan,
                              HttpResponse* response) {
  TransferResult result;
  for (int attempt = 0;; ++attempt) {
    {
      auto pass = gate.enter(plan.host, plan.interval_ms, plan.transfer.cancelled);
      if (!pass.admitted()) {
        response->error = request_line(request) + ": cancelled";
        return false;
      }
      result = perform_transfer(plan.transfer);
    }  // the host's interval counts from here
    response->attempts = attempt + 1;
    if (!worth_retrying(result) || attempt >= plan.retry.max_retries) break;
    int64_t wait = retry_wait_ms(plan.retry, attempt, result.retry_after,
                                 static_cast<int64_t>(std::time(nullptr)), jitter_rng());
    if (!sleep_unless_cancelled(wait, plan.transfer.cancelled)) {
      response->error = request_line(request) + ": cancelled";
      return false;
    }
  }
  return finish(request, plan, std::move(result), response);
}

// Turns the last attempt into the response, and records it when it is final and good.
bool HttpService::Impl::finish(const HttpRequest& request, const RequestPlan& plan,
                               TransferResult result, HttpResponse* response) const {
  response->status = result.status;
  response->url = result.final_url.empty() ? request.url : result.final_url;
  response->content_type = result.content_type;
  std::string tries =
      response->attempts > 1 ? " (" + std::to_string(response->attempts) + " attempts)" : "";
  if (result.error != TransferError::kNone) {
    response->error = request_line(request) + ": " + result.error_text + tries;
    return false;
  }
  // Still 429/5xx after every retry: the caller sees the status, but it is weather, not an
  // answer, so it is not recorded for replay.
  if (is_retryable_status(result.status)) {
    response->body_digest = digest_of(result.body);
    response->body = std::move(result.body);
    return true;
  }
  // A complete answer is recorded even when it is not the PDF that was asked for (a captcha page,
  // a short file): a --no-fresh replay then fails the same way the fresh run did, instead of
  // missing a record. The check below, like replay's, keeps it from ever passing for a PDF.
  ResponseRecord record;
  record.key = plan.key;
  record.url = request.url;
  record.final_url = response->url;
  record.status = result.status;
  record.content_type = result.content_type;
  record.body_digest = digest_of(result.body);
  record.size = result.body.size();
  record.recorded_at = settings.run_clock;
  if (auto saved = store.save(record, result.body); !saved.ok()) {
    response->error =
        request_line(request) + ": response could not be recorded: " + saved.message();
    return false;
  }
  if (request.expect_pdf && is_success(result.status))
    if (auto why = check_pdf(result.body, result.content_type); !why.empty()) {
      response->error = request_line(request) + ": " + why;
      return false;
    }
  response->body_digest = record.body_digest;
  response->body = std::move(result.body);
  return true;
}

HttpService::HttpService(const Cache& cache, HttpSettings settings)
    : impl_(std::make_unique<Impl>(cache, std::move(settings))) {}

HttpService::~HttpService() = default;

bool HttpService::get(const HttpRequest& request, bool may_use_network, HttpResponse* response,
                      const std::atomic<bool>* cancelled) noexcept {
  try {
    *response = HttpResponse();
    if (auto bad = check_headers(request); !bad.empty()) {
      response->error = request_line(request) + ": " + bad;
      return false;
    }
    RequestPlan plan = impl_->plan(request, cancelled);
    if (plan.host.empty()) {
      response->error = request_line(request) + ": not an http:// or https:// URL";
      return false;
    }
    auto record = impl_->store.find(plan.key);
    if (!may_use_network) {
      if (record) return impl_->replay(request, *record, response);
      response->not_recorded = true;
      response->error = "no recorded response for " + request_line(request);
      return false;
    }
    // An immutable resource that was fetched well once is not fetched again; a record that does
    // not replay cleanly (lost body, not a PDF) is fetched afresh instead.
    if (request.immutable && record && is_success(record->status)) {
      if (impl_->replay(request, *record, response)) return true;
      *response = HttpResponse();
    }
    return impl_->fetch(request, plan, response);
  } catch (const std::exception& e) {
    response->error = request_line(request) + ": " + e.what();
    return false;
  }
}

}  // namespace quire
