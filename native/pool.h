// Memory for large frames, recycled: the copies of sent frames, and the frames libzmq receives
// from tcp and ipc connections.
//
// A sent frame is copied into memory libzmq owns (message.h says why). For a large frame a
// fresh allocation is the expensive part, not the copy: glibc serves it with mmap, and the
// first write to each 4 KiB page faults, about 11 us a page on the reference machine (a
// fresh 1 MiB block filled: 2,922 us; the same copy into memory already mapped: 24-50 us;
// docs/performance.md). So the copies are made into blocks kept mapped: libzmq's free function
// (any thread: the I/O thread that wrote the frame, or the JS thread that collects the Buffer
// an inproc peer received) puts a block back, and the next large send takes it again. libzmq
// (with deps/libzmq/patches/0002) also asks the pool for the message a received body is read
// into, so the kernel's copy out of the socket writes into mapped pages too. One pool per
// process, because blocks are taken and released from any thread and after any environment is
// gone.
#pragma once

#include <zmq.h>

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace zmqt {

class CopyPool {
 public:
  struct Stats {
    uint64_t reused;   // blocks taken from the pool
    uint64_t fresh;    // blocks allocated because none of the size was idle
    size_t idleBytes;  // capacity of the idle blocks now
    size_t busyBytes;  // capacity of the blocks libzmq holds now
  };

  /** The process's pool (never destroyed: libzmq may release a block during exit). */
  static CopyPool& Get();

  /** The capacity of the block that holds `size` bytes (sizes from kMinSize to kMaxSize):
   *  `size` rounded up to a quarter of its power of two, so at most 25 % is unused and blocks of
   *  nearby sizes are interchangeable. */
  static size_t Capacity(size_t size);

  /** Makes `frame` a message of `size` bytes (kMinSize to kMaxSize) in a pooled block; false
   *  (and `frame` untouched) if no memory is left. Any thread. */
  bool Init(zmq_msg_t* frame, size_t size);

  Stats stats();
  /** libzmq's receive hook (zmq_turbo_set_receive_init): a received body of kMinSize to
   *  kMaxSize bytes is read into a pooled block; 0, or -1 to leave it to libzmq's malloc.
   *  Called from the I/O threads. PUSH->PULL of 1 MiB frames in one process, 5 interleaved runs
   *  each, libzmq with patch 0001 either way: tcp 2.9-4.6 k msg/s pooled against 1.4-3.4 k from
   *  malloc, ipc 3.7-4.4 k against 1.8-2.7 k; 15-17 k page faults per 3,000 tcp messages, where
   *  zeromq.js takes 37 k and the build before both patches 64-91 k (docs/performance.md). */
  static int InitReceived(zmq_msg_t* frame, size_t size);

  /** Frames this large and larger are copied (and received) into pooled blocks; smaller ones
   *  into libzmq's own allocation. Over tcp with high water marks of 10 (so few copies in flight), 1 MiB
   *  frames moved 708-839 msg/s pooled against 327-387 unpooled (JS thread 185 against 829-1014
   *  us per message, 24-36 against 72-83 page faults). With many in flight, as over inproc, where
   *  each is held until the receiver's Buffer is collected, glibc's heap does not keep smaller
   *  blocks mapped either: PUSH->PULL inproc with high water marks of 10,000 (4,000 and 15,000
   *  messages) took 25.5 k page faults for 256 KiB frames (77 % in this copy) and moved 8.3 k
   *  msg/s with 512 KiB as the least pooled size, 14 k faults and 17.2 k msg/s with 64 KiB; 64 KiB
   *  frames 18.4 k faults and 40 k msg/s, 15 k and 53 k (pinned A/B of 3 rounds, default high
   *  water marks: 1.43x at 64 KiB, 1.67x at 256 KiB; tcp and ipc, which share repeated copies,
   *  within their noise). Below 64 KiB glibc's heap serves them well (inproc 4 KiB 307 k msg/s,
   *  3.5x zeromq.js). */
  static constexpr size_t kMinSize = 64 * 1024;
  /** Frames larger than this are copied into a block of their own, freed when sent. */
  static constexpr size_t kMaxSize = 64 * 1024 * 1024;

 private:
  CopyPool();
  static void Release(void* data, void* hint);
  static size_t ClassOf(size_t capacity);
  void* Take(size_t capacity);
  void Put(void* block, size_t capacity);

  std::mutex mutex_;
  std::vector<std::vector<void*>> idle_;  // by class, the most recently released last
  size_t idleBytes_ = 0;
  size_t busyBytes_ = 0;
  /** Idle blocks beyond this are freed: the pool keeps memory that recent sends needed, not
   *  the peak of a burst (a queue of a thousand 1 MiB frames is a thousand blocks). */
  static constexpr size_t kIdleLimit = size_t{64} << 20;
  uint64_t reused_ = 0;
  uint64_t fresh_ = 0;
};

}  // namespace zmqt
