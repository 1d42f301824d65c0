#pragma once
// Prometheus text-format metrics: request counts, latency histograms and recent latency
// quantiles (p50, p90, p99) per route, and the write requests waiting for a writer thread. Gauges
// that come from the database (applications per state, overdue steps, backlogs) are added by the
// /metrics handler at scrape time.
#include <array>
#include <atomic>
#include <vector>
#include <map>
#include <optional>
#include <mutex>
#include <string>

namespace sp::http {

class Metrics {
 public:
  // `round_trips`: the database round trips the request made (store/round_trips.hpp), when it
  // was one of the requests counted.
  void observe(const std::string& method, const std::string& route, int status, double seconds,
               std::optional<long long> round_trips = std::nullopt);
  std::string render() const;
  // A write request entered or left the queue for the writer threads (http/server.cpp).
  void write_queued() { ++writes_waiting_; }
  void write_started() { --writes_waiting_; }

 private:
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0};
  struct Series {
    std::map<int, long long> by_status;
    std::array<long long, kBuckets.size()> buckets{};
    long long count = 0;
    double sum = 0;
    long long round_trips = 0, counted = 0;  // over the requests whose round trips were counted
    // The latest kWindow latencies, for the quantiles: a histogram's buckets are too coarse to
    // tell a p99 of 12 ms from one of 24 ms.
    std::vector<float> recent;
    std::size_t next = 0;
  };
  static constexpr std::size_t kWindow = 4096;
  std::atomic<long long> writes_waiting_{0};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Series> series_;
};

}  // namespace sp::http
