#include "net/curl_transfer.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace quire {

namespace {

// curl_global_init is not thread-safe and must run once before any other curl call; a function
// static gives exactly that.
void init_curl_once() {
  static const bool initialised = [] {
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  }();
  (void)initialised;
}

struct Receiver {
  const TransferOptions* options;
  TransferResult* result;
  bool too_large = false;
};

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* receiver = static_cast<Receiver*>(user);
  std::string_view line(data, size * count);
  // Each response of a redirect chain starts with a status line; only the last one's headers
  // describe what we got.
  if (starts_with_nocase(line, "http/")) receiver->result->retry_after.clear();
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (starts_with_nocase(line, kRetryAfter)) {
    auto value = line.substr(kRetryAfter.size());
    auto first = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t\r\n");
    receiver->result->retry_after =
        first == std::string_view::npos ? "" : std::string(value.substr(first, last - first + 1));
  }
  return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* receiver = static_cast<Receiver*>(user);
  size_t bytes = size * count;
  if (receiver->result->body.size() + bytes > receiver->options->max_bytes) {
    receiver->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  receiver->result->body.append(data, bytes);
  return bytes;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* receiver = static_cast<Receiver*>(user);
  return receiver->options->cancelled->load() ? 1 : 0;
}

TransferError classify(CURLcode code, bool too_large) {
  switch (code) {
    case CURLE_OK:
      return TransferError::kNone;
    case CURLE_OPERATION_TIMEDOUT:
      return TransferError::kTimeout;
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransferError::kConnection;
    case CURLE_FILESIZE_EXCEEDED:
      return TransferError::kTooLarge;
    case CURLE_WRITE_ERROR:
      return too_large ? TransferError::kTooLarge : TransferError::kOther;
    case CURLE_TOO_MANY_REDIRECTS:
      return TransferError::kTooManyRedirects;
    case CURLE_ABORTED_BY_CALLBACK:
      return TransferError::kCancelled;
    default:
      return TransferError::kOther;
  }
}

std::string describe(TransferError error, CURLcode code, const char* detail,
                     const TransferOptions& options) {
  switch (error) {
    case TransferError::kTooLarge:
      return "body larger than the limit of " + std::to_string(options.max_bytes) + " bytes";
    case TransferError::kTooManyRedirects:
      return "more than " + std::to_string(options.max_redirects) + " redirects (a redirect loop?)";
    case TransferError::kCancelled:
      return "cancelled";
    default:
      return std::string(*detail != '\0' ? detail : curl_easy_strerror(code));
  }
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

// "Name: value" lines; null when there are no headers (or memory ran out, which curl reports).
HeaderList header_list(const TransferOptions& options) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : options.headers) {
    curl_slist* grown = curl_slist_append(list, (name + ": " + value).c_str());
    if (grown == nullptr) break;
    list = grown;
  }
  return HeaderList(list);
}

}  // namespace

TransferResult perform_transfer(const TransferOptions& options) {
  init_curl_once();
  TransferResult result;
  std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
  if (!handle) {
    result.error = TransferError::kOther;
    result.error_text = "cannot create a libcurl handle";
    return result;
  }
  HeaderList headers = header_list(options);
  Receiver receiver{&options, &result};
  char detail[CURL_ERROR_SIZE] = {0};
  CURL* h = handle.get();
  curl_easy_setopt(h, CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout_ms));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout_ms));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // signals and threads do not mix
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &receiver);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &receiver);
  if (options.cancelled != nullptr) {
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &receiver);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  }

  CURLcode code = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  result.status = static_cast<int>(status);
  char* final_url = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url)
    result.final_url = final_url;
  char* content_type = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type)
    result.content_type = content_type;
  result.error = classify(code, receiver.too_large);
  if (result.error != TransferError::kNone) {
    result.error_text = describe(result.error, code, detail, options);
    result.body.clear();  // a partial body is never handed on
  }
  return result;
}

std::string http_url_host(const std::string& url) {
  init_curl_once();
  std::unique_ptr<CURLU, void (*)(CURLU*)> parsed(curl_url(), curl_url_cleanup);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
  char* scheme = nullptr;
  char* host = nullptr;
  std::string result;
  if (curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK) {
    std::string s(scheme);
    if (s == "http" || s == "https") result = host;
  }
  curl_free(scheme);
  curl_free(host);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

}  // namespace quire
