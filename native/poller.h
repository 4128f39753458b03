// Poller: a uv_poll_t watching a socket's ZMQ_FD for readability.
//
// libzmq signals on ZMQ_FD in an edge-triggered way: the descriptor becomes readable when
// something *changed*, and every zmq_send/zmq_recv/ZMQ_EVENTS query may consume that signal.
// The rules that follow, applied by Socket: the truth is ZMQ_EVENTS, read after every operation;
// the poll is armed only after ZMQ_EVENTS said the wanted direction is not ready; a wake-up with
// nothing ready is normal and simply keeps polling.
//
// Owned by one Socket, on its environment's JS thread only. The uv handle is heap-allocated and
// freed in its close callback, which may run after the Poller is gone.
#pragma once

#include <uv.h>
#include <zmq.h>

namespace zmqt {

class Poller {
 public:
  /** Called on the JS thread with libuv's status (< 0: an error on the descriptor). */
  using Callback = void (*)(void* owner, int status);

  Poller() = default;
  ~Poller() { Close(); }
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  /** Returns 0 or a libuv error code. */
  int Init(uv_loop_t* loop, zmq_fd_t fd, Callback callback, void* owner);
  /** Starts watching (idempotent). Returns 0 or a libuv error code. */
  int Start();
  /** Stops watching (idempotent). */
  void Stop();
  /** Closes the handle; nothing is reported afterwards. Idempotent. */
  void Close();
  /** Whether a started poll keeps the event loop alive (uv_ref/uv_unref). */
  void Reference(bool referenced);

  bool active() const { return active_; }

 private:
  static void OnPoll(uv_poll_t* handle, int status, int events);

  uv_poll_t* handle_ = nullptr;
  Callback callback_ = nullptr;
  void* owner_ = nullptr;
  bool active_ = false;
};

}  // namespace zmqt
