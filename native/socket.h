// Socket: the native object behind every zeromq-turbo socket class.
//
// Ownership: it owns one libzmq socket, the Poller on its descriptor and a share of its
// context. It is closed exactly once, by whichever comes first: close() from JS, the GC
// finalizer (only possible while nothing is pending, see below), or environment teardown (the
// Module registry). Only its environment's JS thread touches it, except the libzmq socket
// itself during bind/unbind, which runs on libuv's threadpool while `busy_` keeps the JS thread
// (and the poll callback) away from it.
//
// Readiness is reported to JS through one callback, `onReady(events)`, given to the
// constructor; the protocol both sides keep (`wanted_`, `fresh_` here) is described in
// docs/architecture.md. While JS waits for a direction (wait(mask) != 0) the native object holds strong
// references to itself and to that callback, so a socket with a pending operation is never
// collected; otherwise both are weak.
#pragma once

#include <napi.h>
#include <zmq.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "boundary.h"
#include "context.h"
#include "message.h"
#include "module.h"
#include "poller.h"

namespace zmqt {

class Socket : public Entry<Socket, Napi::ObjectWrap<Socket>>, public Closable {
 public:
  static void Init(Napi::Env env, Napi::Object exports, Module& module);

  /** new Socket(context: Context, type: number, onReady: (events: number) => void) */
  explicit Socket(const Napi::CallbackInfo& info);
  ~Socket() override;

  void Close() override;

  /** The libzmq socket, or nullptr once closed. For Observer and Proxy. */
  void* handle() const { return socket_; }
  const std::shared_ptr<ContextHandle>& context() const { return context_; }

  /** Lends the libzmq socket to `borrower` (a running Proxy) for a thread of its own; throws
   *  EBADF/EBUSY as JS calls do if the socket is closed or busy. Until Release(), the socket is
   *  busy as during a bind: JS calls throw EBUSY, the poll stands off and close() is deferred.
   *  Destroying this object first closes the borrower, which must Release() or Abandon() it. */
  void Lend(Napi::Env env, Closable* borrower);
  /** Takes a lent socket back (JS thread): as when a bind ends, a deferred close happens now,
   *  otherwise readiness is re-checked. */
  void Release();
  /** For a borrower whose thread could not be stopped at teardown: the libzmq socket is left
   *  open for that thread for good (leaked) and this object stays busy until destroyed. */
  void Abandon();

 private:
  friend class EndpointWorker;

  /** The constructor's work once the libzmq socket exists: its descriptor, poll and registry. */
  void Open(const Napi::CallbackInfo& info);

  Napi::Value GetOption(const Napi::CallbackInfo& info);
  void SetOption(const Napi::CallbackInfo& info);
  /** zmq_setsockopt of an int, a high water mark limited to what libzmq can add up. */
  int SetHighWaterMarkOr(int option, int value);
  Napi::Value Bind(const Napi::CallbackInfo& info);
  Napi::Value Unbind(const Napi::CallbackInfo& info);
  void BindSync(const Napi::CallbackInfo& info);
  void UnbindSync(const Napi::CallbackInfo& info);
  void Connect(const Napi::CallbackInfo& info);
  void Disconnect(const Napi::CallbackInfo& info);
  void JsClose(const Napi::CallbackInfo& info);
  Napi::Value Receive(const Napi::CallbackInfo& info);
  Napi::Value Send(const Napi::CallbackInfo& info);
  Napi::Value SendBatch(const Napi::CallbackInfo& info);
  Napi::Value SendPacked(const Napi::CallbackInfo& info);
  Napi::Value Wait(const Napi::CallbackInfo& info);
  void KeepLoopAlive(const Napi::CallbackInfo& info);
  void Join(const Napi::CallbackInfo& info);
  void Leave(const Napi::CallbackInfo& info);
  void Monitor(const Napi::CallbackInfo& info);
  /** readsMonitorOf(socket): this socket (an Observer's PAIR) reads the events of `socket`'s
   *  monitor. See EndObservation(). */
  void ReadsMonitorOf(const Napi::CallbackInfo& info);

  /** Throws EBADF when closed, EBUSY while a bind or unbind runs or a Proxy uses the socket
   *  (with a text for each). Every method that calls
   *  libzmq on the socket starts with it, which also forgets `fresh_`. */
  void CheckUsable(Napi::Env env);
  /** For option access: throws like CheckUsable() but allows a running bind/unbind, whose
   *  completion the returned lock waits for. */
  std::unique_lock<std::mutex> LockForOptions(Napi::Env env);
  /** ZMQ_EVENTS, or -1 on error. Updates `fresh_`. */
  int Events();
  /** Sends the converted message; false when libzmq said EAGAIN for its first frame. */
  bool SendMessage(Napi::Env env, OutgoingMessage& message);

  static void OnPoll(void* self, int status);
  /** Re-reads ZMQ_EVENTS and reports what JS waits for, if ready. */
  void CheckReady(int status);
  void Notify(int ready);
  /** Nothing is waited for: the poll no longer keeps the loop or this object alive. */
  void Idle();
  void BeginBusy();
  /** Throws EBUSY while a send converts its message (see sending_): a bind, an unbind or a
   *  Proxy would use the libzmq socket on another thread while this one still sends. */
  void CheckNotSending(Napi::Env env);
  /** Send, SendBatch and SendPacked hold one for their whole body: a re-entrant send (from a
   *  toString() or getter of the message being converted) throws EBUSY, and a close() from
   *  there takes effect once the outer send is done with the socket. */
  class SendScope {
   public:
    SendScope(Socket* socket, Napi::Env env);
    ~SendScope();

   private:
    Socket* socket_;
  };
  void StrongRefs(bool strong);
  void EndpointDone();
  /**
   * Before a close that no JS asked for (a finalizer, an environment's teardown), of an
   * observed socket or of the PAIR that reads its monitor (an Observer's; readsMonitorOf()
   * links the two). libzmq sends monitor events with blocking sends from the thread that makes
   * them (the context's I/O thread, its reaper), so once the reader is closed, or never read,
   * they block that thread for good, and with it every socket of the context (a worker that
   * ended with an observed tcp socket left the default context's sockets without messages).
   * Observer#close() orders the end in JS (lib/observer.ts); here nothing may wait for JS. One
   * path from either side: while both are open the reader takes what is queued (so that the
   * last event, MONITOR_STOPPED, has room), the monitor is stopped, and the reader takes that
   * last event. A reader whose socket was closed first (libzmq is still sending the events of
   * its end) is left to the context (ContextHandle::CloseReader()).
   */
  void EndObservation();
  /** Stops this socket's monitor (zmq_socket_monitor(NULL)) if it can be now. */
  bool StopMonitor();
  /** As a reader: takes (and drops) every event queued; `reader_ended_` once MONITOR_STOPPED
   *  was one. */
  void DrainEvents() noexcept;
  /** Leaves both sides of an observation (Close(), the destructor). */
  void Unlink() noexcept;
  /** Records a successful bind (or unbind) of an inproc name, which Close() unbinds. */
  void Bound(const std::string& address, bool bound);

  Module& module_;
  std::shared_ptr<ContextHandle> context_;
  void* socket_ = nullptr;
  void* thread_safe_poller_ = nullptr;  // zmq_poller providing a descriptor for thread-safe sockets
  int type_ = 0;
  // PUB, XPUB and RADIO drop what no subscription matches, and libzmq applies subscriptions only
  // when it processes its commands, which a non-blocking send does at most once a millisecond.
  // zeromq.js queries ZMQ_EVENTS (processing them) before every send, so a subscription that
  // arrived before send() is always honoured; these sockets do the same, once per send() or
  // sendBatch() call.
  bool filters_ = false;
  // ZMQ_CONFLATE is set: libzmq keeps one message, so every receive empties the queue. Reporting
  // that as "drained" would make JS wait for the event loop before each message while the
  // publisher keeps the slot full; a conflate socket looks again instead (ReceiveLimits).
  bool conflate_ = false;
  Poller poller_;
  Napi::FunctionReference on_ready_;
  std::unique_ptr<Napi::AsyncContext> async_context_;
  int wanted_ = 0;
  // ZMQ_POLLIN when the last receive ended in EAGAIN with nothing touching the socket since:
  // libzmq processed every pending command then, so the descriptor is clear and the poll can
  // be armed without another ZMQ_EVENTS query (each one costs poll() and getpid() syscalls).
  int fresh_ = 0;
  bool strong_ = false;
  bool keep_loop_alive_ = true;  // see KeepLoopAlive()
  bool watching_ = false;        // the poll was started (and stays started)
  int busy_ = 0;
  std::mutex endpoint_mutex_;  // held by EndpointWorker around zmq_bind/zmq_unbind
  bool close_requested_ = false;
  // Sends in progress (0 or 1): converting a message calls JS (toString(), getters of arrays),
  // which may call back into this socket while outgoing_ holds the message's frames.
  int sending_ = 0;
  // ZMQ_SNDHWM, ZMQ_RCVHWM as set when above kMaxHighWaterMark (libzmq has that), else -1.
  int high_water_marks_[2] = {-1, -1};
  std::vector<std::string> inproc_bound_;  // inproc names bound now (see Close())
  std::string monitor_endpoint_;           // the inproc name libzmq's monitor of it is bound to
  // An observed socket and the PAIR reading its events share one (both on this environment's
  // JS thread): each clears its side when it is closed or destroyed (see EndObservation()).
  struct MonitorLink {
    Socket* observed = nullptr;
    Socket* reader = nullptr;
  };
  std::shared_ptr<MonitorLink> monitor_link_;  // as the observed socket
  std::shared_ptr<MonitorLink> reads_;         // as the reader
  bool closed_by_js_ = false;                  // close() was called (see EndObservation())
  bool reader_ended_ = false;                  // as the reader: MONITOR_STOPPED came
  Closable* borrower_ = nullptr;               // see Lend()
  ReceiveScratch scratch_;
  OutgoingMessage outgoing_;
};

}  // namespace zmqt
