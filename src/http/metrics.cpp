#include "http/metrics.hpp"

#include <fmt/format.h>

namespace sp::http {

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  Series& s = series_[{method, route}];
  ++s.by_status[status];
  ++s.count;
  s.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out =
      "# HELP satupintu_http_requests_total HTTP requests by route and status.\n"
      "# TYPE satupintu_http_requests_total counter\n";
  for (const auto& [key, s] : series_)
    for (const auto& [status, n] : s.by_status)
      out += fmt::format("satupintu_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", key.first,
                         key.second, status, n);
  out +=
      "# HELP satupintu_http_request_duration_seconds Request latency by route.\n"
      "# TYPE satupintu_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series_) {
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", key.first, key.second);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("satupintu_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[i],
                         s.buckets[i]);
    out += fmt::format("satupintu_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, s.count);
    out += fmt::format("satupintu_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels, s.sum);
    out += fmt::format("satupintu_http_request_duration_seconds_count{{{}}} {}\n", labels, s.count);
  }
  return out;
}

}  // namespace sp::http
