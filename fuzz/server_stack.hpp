#pragma once
// Runs a parse on a thread with the stack a sandbox worker has (sandbox/worker_pool.hpp's
// RLIMIT_STACK), not libFuzzer's main thread: a stack overflow that the server would hit must
// show here too (the 30,000-level PDF of docs/SECURITY.md went unnoticed on a larger stack).
#include <pthread.h>

#include <cstdlib>
#include <utility>

#include "sandbox/worker_pool.hpp"

template <class F>
void on_server_stack(F&& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, sp::sandbox::WorkerLimits{}.stack_bytes);
  auto run = [](void* p) -> void* {
    (*static_cast<F*>(p))();
    return nullptr;
  };
  pthread_t thread;
  if (pthread_create(&thread, &attr, run, &fn) != 0) std::abort();
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}
