#pragma once
// Prometheus text-format metrics: request counts and latency histograms per route. Gauges that
// come from the database (applications per state, overdue steps, outbox backlog) are added by
// the /metrics handler at scrape time.
#include <array>
#include <map>
#include <mutex>
#include <string>

namespace sp::http {

class Metrics {
 public:
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string render() const;

 private:
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0};
  struct Series {
    std::map<int, long long> by_status;
    std::array<long long, kBuckets.size()> buckets{};
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Series> series_;
};

}  // namespace sp::http
