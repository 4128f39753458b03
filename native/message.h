// Moving messages between libzmq and JS: the batched receive and the frame conversion for send.
//
// Buffer ownership:
// - Receive: a batch of messages crosses into JS as one ArrayBuffer (a Buffer when large, see
//   kPlainBatchLimit): a header of uint32 words (layout and flags: wire.generated.h, from
//   lib/wire-table.ts; lib/io/receive-batch.ts decodes it) [frame count, then per frame: size,
//   flags, aux] followed by the bytes of every frame smaller than kExternalThreshold, back to
//   back; JS slices it into Buffer views. A frame of
//   kExternalThreshold bytes or more is not copied: it becomes an external Buffer that owns its
//   zmq_msg_t, closed by the Buffer's finalizer on the JS thread (V8 counts its bytes as
//   external memory, as for any ArrayBuffer). Such Buffers (and Dish groups) follow the batch
//   in an array.
// - Send: frames smaller than kZeroCopyThreshold are copied into libzmq messages, and so are
//   larger ones in memory that JS can detach or shrink (every ArrayBuffer but a
//   SharedArrayBuffer: see AppendTypedArray). Copies of CopyPool::kMinSize and more go into
//   recycled blocks (pool.h); a TypedArray of kShareThreshold or more sent again with the
//   same bytes shares the socket's previous copy instead (OutgoingMessage::last_).
//   Larger TypedArrays over a SharedArrayBuffer are handed to libzmq as they are
//   (zmq_msg_init_data), as zeromq.js does with any: a napi_ref keeps them alive until
//   libzmq's free function, which runs on whichever thread drops the message; it queues the
//   reference in Pins, and Pins releases it on the JS thread. Only the main thread's
//   environment does this, because only its teardown waits for every context to terminate
//   (that is, for libzmq to drop every message) before V8's memory goes: a worker's sends
//   are always copied.
// Both thresholds are measured: see docs/performance.md.
// JS thread only.
#pragma once

#include <napi.h>
#include <uv.h>
#include <zmq.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "wire.generated.h"

namespace zmqt {

/**
 * Frames at least this large are received without copying into the batch Buffer (and sent
 * without a copy: kZeroCopyThreshold). Where the two ways cross, PUSH to PULL in one process,
 * medians of 3-8 rounds on a busy 2-core machine (docs/performance.md): at 4 KiB the same
 * (inproc 496 k against 499 k msg/s, tcp 156 k against 152 k); at 6 KiB copying is slower
 * (inproc 322 k against 382 k, tcp 112 k against 134 k); at 2 KiB and below it is faster
 * (inproc 2 KiB 581 k against 535 k, 1 KiB 514 k against 435 k, 256 B 782 k against 508 k;
 * tcp alike).
 */
constexpr size_t kExternalThreshold = 4096;

/**
 * ZMQ_IN_BATCH_SIZE and ZMQ_OUT_BATCH_SIZE of every socket but STREAM (libzmq's default is
 * 8 KiB): how many bytes libzmq's I/O thread moves per recv()/send() system call on a
 * connection. With 8 KiB a 4 KiB or 64 KiB message costs a system call and a wake-up of its
 * own. The price of a large batch: libzmq copies a frame smaller than two batches through the
 * batch buffer at both ends (larger ones go without a copy after the first batch), so 512 KiB
 * made 256 KiB to 1 MiB frames slower than zeromq.js. 128 KiB keeps 4 KiB and 64 KiB frames as
 * fast as 512 KiB did and copies at most about 128 KiB of a larger frame (docs/performance.md).
 */
constexpr int kBatchSize = 128 * 1024;

/**
 * The largest batch size a socket accepts (EINVAL above it). libzmq allocates a batch buffer
 * per connection and aborts the process when that allocation fails, so a size near 2 GiB must
 * not reach it; no kernel socket buffer is anywhere near this large anyway.
 */
constexpr int kMaxBatchSize = 64 * 1024 * 1024;

/** TypedArray frames at least this large are sent without copying (main thread only); the
 *  measurements are kExternalThreshold's. */
constexpr size_t kZeroCopyThreshold = 4096;

/**
 * Detachable TypedArray frames this large and larger share the socket's last copy when they are
 * the same bytes again (OutgoingMessage::last_). Below it a copy is cheap (glibc's heap, no
 * page faults) and sharing would only add the comparison.
 */
constexpr size_t kShareThreshold = 64 * 1024;

/**
 * The JS values that libzmq is reading without a copy, and the queue through which libzmq's
 * free function (any thread) hands their references back to the JS thread. Shared by the
 * Module and every message in flight, so that a free function running after the environment
 * is gone finds it closed rather than freed.
 */
class Pins : public std::enable_shared_from_this<Pins> {
 public:
  /** Returns nullptr if the loop refuses the async handle (sends are then copied). */
  static std::shared_ptr<Pins> Create(napi_env env);
  /** A zmq_msg_init_data free function: `hint` is what Pin() made. Any thread. */
  static void Release(void* data, void* hint);

  /** A hint for zmq_msg_init_data that keeps `value` alive until Release(). JS thread. */
  void* Pin(napi_env env, napi_value value);
  /** Releases what is queued and closes: later releases are dropped. JS thread, at teardown. */
  void Shutdown();

 private:
  static void OnAsync(uv_async_t* handle);
  void Drain();

  napi_env env_ = nullptr;
  uv_async_t* async_ = nullptr;
  std::mutex mutex_;
  std::vector<napi_ref> queued_;
  bool open_ = true;
};

struct ReceiveLimits {
  uint32_t messages;   // at most this many whole messages
  size_t bytes;        // stop after this many copied bytes (at a message boundary)
  bool reportDrained;  // mark the batch kBatchDrained when libzmq had no more (not for conflate)
};

/** Buffers reused from one receive batch to the next (one per socket). */
struct ReceiveScratch {
  std::vector<uint32_t> words;       // per frame: size, flags, aux
  std::vector<uint8_t> bytes;        // the copied frames, back to back
  std::vector<zmq_msg_t*> external;  // frames handed over without copying
  std::vector<std::string> groups;   // Dish: the group of each message
};

/**
 * Drains up to `limits` whole messages from `socket` without blocking.
 * Returns undefined when none was ready, else the batch Buffer, or an Array of the batch Buffer
 * followed by the external Buffers and groups. Throws the libzmq error when the first receive
 * fails; an error after whole messages were received ends the batch (the next call reports it).
 * A message is whole or absent: a failure in the middle of one discards its frames.
 */
Napi::Value ReceiveBatch(Napi::Env env, void* socket, int socketType, const ReceiveLimits& limits,
                         ReceiveScratch& scratch, bool& drained);

/** Batches up to this many bytes (header included) are an ArrayBuffer, larger ones a Buffer. */
constexpr size_t kPlainBatchLimit = 4096;

/**
 * The most frames one outgoing message may have: more is ENOMEM, before anything is allocated.
 * The frames are held in one array, sizeof(zmq_msg_t) = 64 bytes each, and libzmq's pipe holds
 * as much again, so 2^24 frames take 2 GiB before a byte of data; a JS array can claim up to
 * 2^32 - 1 elements (a sparse `new Array(2 ** 32 - 1)`), which would ask for 256 GiB at once.
 */
constexpr uint32_t kMaxFrames = 1u << 24;

/** Frames reserved up front for a multipart message; more grow the array as they come. */
constexpr uint32_t kReserveFrames = 64;

/** The frames of one outgoing message, converted from JS values, owned until sent. */
class OutgoingMessage {
 public:
  OutgoingMessage() = default;
  ~OutgoingMessage() {
    Clear();
    ForgetLast();
  }
  OutgoingMessage(const OutgoingMessage&) = delete;
  OutgoingMessage& operator=(const OutgoingMessage&) = delete;

  /** Appends one frame: bytes of a TypedArray, DataView, ArrayBuffer or SharedArrayBuffer,
   *  UTF-8 of a string, empty for null, else the UTF-8 of String(value) (as zeromq.js, so
   *  undefined inside a multipart message is "undefined"). */
  void Append(Napi::Env env, Napi::Value value);
  /** Large TypedArrays are sent without a copy once this is set (see Pins). */
  void UsePins(std::shared_ptr<Pins> pins) { pins_ = std::move(pins); }
  /** Appends every element of `value` if it is an Array, else `value` itself. */
  void AppendMessage(Napi::Env env, Napi::Value value);
  void Clear();
  /** From now on every frame is a copy of its own (see last_): for a socket with an inproc
   *  endpoint, whose peer receives the copy itself as its Buffer. */
  void StopSharing();
  /** Drops the last copy (the socket is closed). */
  void ForgetLast();

  size_t size() const { return frames_.size(); }
  zmq_msg_t* frame(size_t i) { return &frames_[i]; }

 private:
  /** A new frame of `size` bytes; throws ENOMEM if libzmq cannot allocate it. */
  zmq_msg_t* Add(Napi::Env env, size_t size);
  void AppendBytes(Napi::Env env, const void* data, size_t size);
  void AppendString(Napi::Env env, napi_value string);
  /** Appends the bytes of a TypedArray; false (and nothing appended) if it is not one. */
  bool AppendTypedArray(Napi::Env env, napi_value value);

  /** Appends the copy of a large detachable TypedArray's bytes: a new copy, or another
   *  reference to last_ when these are the same bytes from the same memory. */
  void AppendCopy(Napi::Env env, const void* data, size_t size);

  std::vector<zmq_msg_t> frames_;
  std::shared_ptr<Pins> pins_;
  // The last large copy this socket sent, and where its bytes came from. Sending the same
  // Buffer again unchanged (a fan-out, or a bench that sends one payload) shares it: libzmq
  // counts the references to a message's content, so the memory stays libzmq's whatever JS
  // does with the Buffer, and nothing but libzmq's I/O thread reads it (tcp, ipc: the bytes go
  // to the kernel). Not over inproc (sharing_ off): there the peer receives the content itself
  // as a writable Buffer, which must not be another message's. At most one frame per socket.
  zmq_msg_t last_;
  bool hasLast_ = false;
  const void* lastSource_ = nullptr;
  bool sharing_ = true;
};

}  // namespace zmqt
