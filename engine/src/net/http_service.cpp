// Placeholder until the libcurl client lands: every request fails with a clear message.
#include "net/http_service.hpp"

namespace quire {

struct HttpService::Impl {
  const Cache& cache;
  HttpSettings settings;
};

HttpService::HttpService(const Cache& cache, HttpSettings settings)
    : impl_(std::make_unique<Impl>(Impl{cache, std::move(settings)})) {}

HttpService::~HttpService() = default;

bool HttpService::get(const HttpRequest& request, bool, HttpResponse* response) noexcept {
  response->error = "HTTP is not available in this build (GET " + request.url + ")";
  return false;
}

}  // namespace quire
