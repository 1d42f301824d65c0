#include "http/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sp::http {

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds,
                      std::optional<long long> round_trips) {
  std::lock_guard lock(mu_);
  Series& s = series_[{method, route}];
  ++s.by_status[status];
  ++s.count;
  s.sum += seconds;
  if (round_trips) s.round_trips += *round_trips, ++s.counted;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  if (s.recent.size() < kWindow) {
    s.recent.push_back(static_cast<float>(seconds));
  } else {
    s.recent[s.next] = static_cast<float>(seconds);
    s.next = (s.next + 1) % kWindow;
  }
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
  out +=
      "# HELP satupintu_db_round_trips_per_request Database round trips of each route's requests (PostgreSQL: "
      "exchanges waited on; SQLite: statements run), over a sample of the requests (round_trip_sample_every); "
      "sum over count is the average.\n"
      "# TYPE satupintu_db_round_trips_per_request summary\n";
  for (const auto& [key, s] : series_) {
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", key.first, key.second);
    out += fmt::format("satupintu_db_round_trips_per_request_sum{{{}}} {}\n", labels, s.round_trips);
    out += fmt::format("satupintu_db_round_trips_per_request_count{{{}}} {}\n", labels, s.counted);
  }
  out +=
      "# HELP satupintu_http_request_latency_seconds Latency quantiles of each route's latest 4096 requests.\n"
      "# TYPE satupintu_http_request_latency_seconds gauge\n";
  std::vector<float> sorted;
  for (const auto& [key, s] : series_) {
    sorted = s.recent;
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [q, name] : {std::pair{0.5, "0.5"}, {0.9, "0.9"}, {0.99, "0.99"}}) {
      // Nearest rank: the smallest latency that at least q of the window do not exceed.
      const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(q * static_cast<double>(sorted.size()))));
      out += fmt::format("satupintu_http_request_latency_seconds{{method=\"{}\",route=\"{}\",quantile=\"{}\"}} {:.6f}\n",
                         key.first, key.second, name, sorted[rank - 1]);
    }
  }
  out += fmt::format(
      "# HELP satupintu_write_requests_waiting Write requests queued for a writer thread.\n"
      "# TYPE satupintu_write_requests_waiting gauge\nsatupintu_write_requests_waiting {}\n",
      writes_waiting_.load());
  return out;
}

}  // namespace sp::http
