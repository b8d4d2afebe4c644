#include "support/fault_server.hpp"

#include <httplib.h>
#include <sys/socket.h>
#include <zlib.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace quire::testing {

namespace {

std::string gzip(const std::string& plain) {
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper rather than raw zlib.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, plain.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (done != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

constexpr const char* kErrorFeed =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Error</title>"
    "<summary>incorrect id format for 1234</summary></entry></feed>\n";

constexpr const char* kHtmlPage =
    "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
    "<body>Please sign in to read this paper.</body></html>\n";

// httplib listens with a backlog of 5: a test that opens more connections at once would see
// connects dropped and time out. Listening again on the bound socket widens the queue.
class Server : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, 128); }
};

}  // namespace

struct FaultServer::Impl {
  Server server;
  std::thread thread;
  int port = 0;
  std::atomic<bool> stopping{false};
  mutable std::mutex mutex;
  std::vector<Hit> hits;

  // Sleeps, but gives up early when the server is stopping, so the destructor never waits on
  // a slow route.
  void pause(int ms) {
    auto until = Clock::now() + std::chrono::milliseconds(ms);
    while (!stopping.load() && Clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  size_t count(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mutex);
    size_t n = 0;
    for (const auto& hit : hits) n += hit.path == path;
    return n;
  }
  void add_routes();
};

void FaultServer::Impl::add_routes() {
  using httplib::Request;
  using httplib::Response;
  server.Get("/ok", [](const Request&, Response& res) { res.set_content(kOkBody, "text/plain"); });
  server.Get("/retry-after-once", [this](const Request& req, Response& res) {
    if (count(req.path) == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content("slow down\n", "text/plain");
      return;
    }
    res.set_content("recovered\n", "text/plain");
  });
  server.Get("/unavailable-twice", [this](const Request& req, Response& res) {
    if (count(req.path) <= 2) {
      res.status = 503;
      res.set_content("try later\n", "text/plain");
      return;
    }
    res.set_content("recovered\n", "text/plain");
  });
  server.Get("/unavailable", [](const Request&, Response& res) {
    res.status = 503;
    res.set_content("try later\n", "text/plain");
  });
  server.Get("/cut", [](const Request&, Response& res) {
    res.set_content_provider(cut_body().size(), "application/octet-stream",
                             [](size_t, size_t, httplib::DataSink& sink) {
                               std::string body = cut_body();
                               sink.write(body.data(), body.size() / 2);
                               return false;  // httplib drops the connection mid-body
                             });
  });
  server.Get("/slow", [this](const Request&, Response& res) {
    pause(kSlowMs);
    res.set_content("too late\n", "text/plain");
  });
  server.Get(R"(/delay/(\d+))", [this](const Request& req, Response& res) {
    pause(std::stoi(req.matches[1]));
    res.set_content("waited\n", "text/plain");
  });
  server.Get("/loop", [](const Request&, Response& res) { res.set_redirect("/loop"); });
  server.Get("/big", [](const Request&, Response& res) {
    res.set_content(std::string(kBigSize, 'x'), "application/octet-stream");
  });
  server.Get("/big-chunked", [](const Request&, Response& res) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [](size_t offset, httplib::DataSink& sink) {
                                       std::string block(64 << 10, 'x');
                                       if (offset >= kBigSize) {
                                         sink.done();
                                         return true;
                                       }
                                       return sink.write(block.data(), block.size());
                                     });
  });
  server.Get("/gzip", [](const Request&, Response& res) {
    // application/octet-stream: httplib compresses text itself, and this route must send
    // exactly the encoding it names.
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gzip(kGzipPlain), "application/octet-stream");
  });
  server.Get("/bad-query", [](const Request&, Response& res) {
    res.status = 400;
    res.set_content(kErrorFeed, "application/atom+xml");
  });
  server.Get("/paper.pdf",
             [](const Request&, Response& res) { res.set_content(kHtmlPage, "text/html"); });
  server.Get("/truncated.pdf", [](const Request&, Response& res) {
    std::string pdf = sample_pdf();
    res.set_content(pdf.substr(0, pdf.size() / 2), "application/pdf");
  });
  server.Get("/real.pdf", [](const Request&, Response& res) {
    res.set_content(sample_pdf(), "application/pdf");
  });
}

FaultServer::FaultServer() : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.server.set_pre_routing_handler([&impl](const httplib::Request& req, httplib::Response&) {
    std::lock_guard<std::mutex> lock(impl.mutex);
    impl.hits.push_back(
        {req.path, req.get_header_value("Host"), req.get_header_value("User-Agent"), Clock::now()});
    return httplib::Server::HandlerResponse::Unhandled;
  });
  impl.add_routes();
  impl.port = impl.server.bind_to_any_port("127.0.0.1");
  if (impl.port <= 0) throw std::runtime_error("fault server: cannot bind 127.0.0.1");
  impl.server.widen_backlog();
  impl.thread = std::thread([&impl] { impl.server.listen_after_bind(); });
  while (!impl.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FaultServer::~FaultServer() {
  impl_->stopping = true;
  impl_->server.stop();
  impl_->thread.join();
}

int FaultServer::port() const { return impl_->port; }

std::string FaultServer::url(const std::string& path, const std::string& host) const {
  return "http://" + host + ":" + std::to_string(impl_->port) + path;
}

std::vector<FaultServer::Hit> FaultServer::hits() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->hits;
}

std::vector<FaultServer::Hit> FaultServer::hits(const std::string& path) const {
  std::vector<Hit> selected;
  for (auto& hit : hits())
    if (hit.path == path) selected.push_back(hit);
  return selected;
}

std::string FaultServer::cut_body() {
  std::string body;
  for (int i = 0; body.size() < 4000; ++i)
    body += "line " + std::to_string(i) + " of the cut body\n";
  return body;
}

std::string FaultServer::sample_pdf() {
  const char* objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  };
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";  // the binary comment marks the file binary
  std::vector<size_t> offsets;
  for (size_t i = 0; i < 3; ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace quire::testing
