// A document's parts made on every core and written in order.
#pragma once

#include <sched.h>

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace strikeline {

// The cores this process may run on.
inline std::size_t document_cores() {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) return static_cast<std::size_t>(std::max(CPU_COUNT(&allowed), 1));
  return std::max(std::thread::hardware_concurrency(), 1u);
}

// Makes blocks 0 to count - 1 on every core and hands each to `emit` in order, on
// the calling thread. Each thread gets its own worker from `make_worker`, called as
// worker(block, text) to append the block's text to an empty string. Threads keep
// only a few blocks ahead of the one handed over, and the strings are used again,
// so the memory held stays small and is not mapped afresh for each block.
template <typename MakeWorker, typename Emit>
void blocks_in_order(std::size_t count, std::size_t threads, const MakeWorker& make_worker, const Emit& emit) {
  constexpr std::size_t kAhead = 4;
  std::vector<std::string> done(count);
  std::vector<char> ready(count, 0);
  std::vector<std::string> spare;
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0, emitted = 0;
  auto make = [&](auto& worker, std::unique_lock<std::mutex>& lock) {
    const std::size_t block = next++;
    std::string text;
    if (!spare.empty()) {
      text = std::move(spare.back());
      spare.pop_back();
    }
    lock.unlock();
    text.clear();
    worker(block, text);
    lock.lock();
    done[block] = std::move(text);
    ready[block] = 1;
    changed.notify_all();
  };
  // The first exception of any thread ends the work; the calling thread throws it
  // once every helper has stopped.
  std::exception_ptr failure;
  auto stop = [&](std::exception_ptr why) {
    std::lock_guard lock(mutex);
    if (!failure) failure = why;
    next = count;
    changed.notify_all();
  };
  std::vector<std::thread> helpers;
  try {
    for (std::size_t t = 1; t < threads; ++t) {
      helpers.emplace_back([&] {
        try {
          auto worker = make_worker();
          std::unique_lock lock(mutex);
          for (;;) {
            changed.wait(lock, [&] { return next >= count || next < emitted + kAhead; });
            if (next >= count) return;
            make(worker, lock);
          }
        } catch (...) {
          stop(std::current_exception());
        }
      });
    }
    auto worker = make_worker();
    for (std::size_t out = 0; out < count; ++out) {
      std::unique_lock lock(mutex);
      while (!ready[out]) {
        if (failure) std::rethrow_exception(failure);
        if (next < count && next < out + kAhead) {
          make(worker, lock);
        } else {
          changed.wait(lock);
        }
      }
      std::string text = std::move(done[out]);
      emitted = out + 1;
      changed.notify_all();
      lock.unlock();
      emit(text);
      lock.lock();
      spare.push_back(std::move(text));
    }
  } catch (...) {
    stop(std::current_exception());
    for (std::thread& helper : helpers) helper.join();
    throw;
  }
  for (std::thread& helper : helpers) helper.join();
}

}  // namespace strikeline
