// Context: the JS object backing zeromq-turbo's Context, and ContextHandle, the libzmq context
// it stands for.
//
// Ownership: a ContextHandle is shared (std::shared_ptr) by its Context object and by every
// Socket created in it, so a context outlives its sockets whatever order GC finalizes them in.
// When the last owner lets go the context is terminated on a thread of its own, because
// zmq_ctx_term blocks until every socket's linger period has passed. The process-wide default
// context (shared by the main thread and all workers, so that inproc:// works between them) is
// terminated at process exit, when the main thread's environment ends: its teardown waits until
// every context is terminated, i.e. until queued messages are delivered or their sockets'
// linger has passed, warning after 500 ms, as zeromq.js does at exit. Context objects are
// touched by their environment's JS thread only.
//
// Pending inproc connects: libzmq keeps a connect to an inproc name nobody bound pending (and
// the connecting socket alive after zmq_close, holding its socket slot). zmq_ctx_term then
// creates and binds a PAIR socket for every pending connect and asserts that it could create it
// (src/ctx.cpp:169 of 4.3.4), which aborts the process when the slots are all taken (a small
// maxSockets). So each context holds one socket of its own (a PULL) from its start, in a slot
// libzmq is given on top of the user's maxSockets, and remembers every inproc name that may have
// a pending connect; before the context is shut down or terminated that socket binds each of
// them, which connects (and, once it is closed, ends) every pending connect, so that libzmq has
// none left to create a socket for, however many there were.
//
// Closed Routers with a pending inproc connect: when libzmq completes a pending connect (at a
// bind of the name, or at the termination above) it first sends the connecting socket a command
// and then reads that socket's tag to decide whether to send it a routing id (src/ctx.cpp:855
// of 4.3.4, for sockets that receive routing ids: Routers). A socket already closed is freed by
// libzmq's reaper as soon as that command is processed, so the read can come after the free
// (AddressSanitizer: heap-use-after-free, 3 reports in the fuzzer's CI slice). Such a Router is
// therefore closed only once none of its connects is pending (CloseSocket()): until then
// libzmq keeps it, and its socket slot, alive anyway. The context's own socket is a PULL, which
// keeps every pipe it gets: a PAIR ends all but the first, and libzmq then asserts (pipe.cpp:87)
// when it writes the routing id for an open Router into such an ended pipe.
//
// Monitor readers whose socket closed first: libzmq sends a closed socket's last events (the
// close of each endpoint, then MONITOR_STOPPED) from its reaper with blocking sends, so the PAIR
// reading them (an Observer's) may not close before them. When no JS closes that PAIR (a
// finalizer, a worker's teardown: see Socket::EndObservation()), the context takes it over
// (CloseReader()): whichever thread closes a socket of the context next drains it, under
// inproc_mutex_ (libzmq lets a socket change threads across a full memory barrier), and closes
// it once MONITOR_STOPPED came; shutdown and termination close what is left, when libzmq's
// blocked sends end with ETERM.
#pragma once

#include <napi.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "boundary.h"
#include "module.h"

namespace zmqt {

class ContextHandle {
 public:
  /** A new libzmq context; throws a JS error if libzmq cannot create one. */
  static std::shared_ptr<ContextHandle> Create(Napi::Env env);
  /** The process-wide default context, created on first use. */
  static std::shared_ptr<ContextHandle> Shared(Napi::Env env);
  /** Process exit (the main thread's environment ends, after closing its sockets): terminates
   *  the default context and waits until every context is terminated. A worker's exit never
   *  waits: zeromq.js does when the worker was the addon's last user, and worker.terminate()
   *  then hangs for as long as a message stays undelivered. */
  static void TerminateAll();
  /** The same at process.exit() under v5-compat (see Module::FlushAtExit): waits at most
   *  `limit` ms and silently; false if something was still being delivered then. */
  static bool TerminateAllWithin(int limit);

  ContextHandle(void* context, bool shared);
  ~ContextHandle();
  ContextHandle(const ContextHandle&) = delete;
  ContextHandle& operator=(const ContextHandle&) = delete;

  void* get() const { return context_; }

  /** zmq_ctx_set, remembering what libzmq applies only when the context starts its threads;
   *  ZMQ_MAX_SOCKETS reaches libzmq with one more slot, for the context's own socket. */
  int Set(int option, int value);
  /** zmq_ctx_get; ZMQ_MAX_SOCKETS as the user set it. -1 with errno on failure. */
  int Get(int option);

  /** zmq_connect to an inproc name (`address`, "inproc://..."), remembering the name as
   *  possibly pending unless a socket of this context has it bound, and a `routing` socket (a
   *  Router) as one of its connectors (see the top). Any thread. */
  int ConnectInproc(void* socket, const std::string& address, bool routing);
  /** zmq_close, or, for a Router with a connect still pending, once none is (see the top): at
   *  the bind that completes its last one, or before the context's shutdown or termination. */
  void CloseSocket(void* socket) noexcept;
  /** zmq_close of an observer's reader whose socket is closed but may still be sending the
   *  events of its end: at once if MONITOR_STOPPED is among what it has, else once it is (looked
   *  for whenever a socket of the context closes) or before the context's termination, when
   *  libzmq's blocked sends to it end with ETERM (see Socket::EndObservation()). */
  void CloseReader(void* reader) noexcept;
  /** `owner` (a libzmq socket) bound the inproc name, or its monitor did: nothing is pending for
   *  it any more, and connects to it do not become pending until UnbindingInproc(). A null
   *  owner only forgets what was pending (the name is not counted as bound). */
  void BoundInproc(const std::string& address, const void* owner) noexcept;
  /** Before `owner` unbinds (or closes, or stops its monitor on) the inproc name. */
  void UnbindingInproc(const std::string& address, const void* owner) noexcept;
  /** zmq_ctx_shutdown, after connecting every pending inproc connect (none can be made after
   *  it: every socket's calls fail with ETERM from then on). */
  void Shutdown();
  /** Before zmq_ctx_term: the same, then closes the context's own socket. */
  void BeforeTerminate() noexcept;
  /**
   * Before the first socket (the moment libzmq starts the context's threads): checks that the
   * threads can be started with the context's settings, and throws the JS error if not.
   * libzmq itself asserts (aborts the process) when a thread cannot be created, when an I/O
   * thread cannot get its descriptors, and when the scheduling policy, priority or CPU
   * affinity cannot be applied, which it does inside each new thread; and it adds maxSockets
   * and ioThreads into an int. So the same steps are tried here first, on probe threads.
   */
  void BeforeFirstSocket(Napi::Env env);
  /** Whether this is the process-wide default context. */
  bool shared() const { return shared_; }

 private:
  /** Binds the context's own socket to every name that may have a pending connect.
   *  inproc_mutex_ held. */
  void ConnectPendingLocked() noexcept;
  /** Whether `socket` is a connector of a name that may be pending. inproc_mutex_ held. */
  bool PendingConnectorLocked(const void* socket) const noexcept;
  /** Closes the Routers whose close waited and that have no pending connect any more.
   *  inproc_mutex_ held. */
  void CloseConnectedLocked() noexcept;
  /** Closes the readers whose end has come (or all of them: `all`). inproc_mutex_ held. */
  void CloseReadersLocked(bool all) noexcept;

  void* context_;
  bool shared_;
  std::mutex mutex_;  // the default context is shared by every environment's thread
  bool started_ = false;
  int max_sockets_;      // ZMQ_MAX_SOCKETS as the user set it (libzmq has one more, see Set())
  void* own_ = nullptr;  // the PULL socket that connects pending connects (see the top)
  int priority_ = -1;    // ZMQ_THREAD_PRIORITY_DFLT; libzmq has no getter for it
  std::set<int> affinity_;
  // The inproc names bound in this context now -> the libzmq socket that bound them (itself or
  // through its monitor); the names connected to while not bound here -> the Routers among
  // their connectors; and the closed Routers whose zmq_close waits (see the top). Guarded by
  // inproc_mutex_, which ConnectInproc() holds around zmq_connect and UnbindingInproc() takes
  // before the name is unbound: a connect sees the name bound only while it really is.
  std::mutex inproc_mutex_;
  std::map<std::string, const void*> inproc_bound_;
  std::map<std::string, std::set<const void*>> inproc_pending_;
  std::vector<void*> closing_;
  std::vector<void*> readers_;  // see CloseReader()
};

/** Takes (and drops) every event queued on an observer's reader; true if MONITOR_STOPPED, the
 *  last event of a monitor, was among them. */
bool DrainMonitorEvents(void* reader) noexcept;

class Context : public Entry<Context, Napi::ObjectWrap<Context>> {
 public:
  static void Init(Napi::Env env, Napi::Object exports, Module& module);

  /** new Context(shared: boolean): the default context, or a new one. */
  explicit Context(const Napi::CallbackInfo& info);

  const std::shared_ptr<ContextHandle>& handle() const { return handle_; }

 private:
  Napi::Value GetOption(const Napi::CallbackInfo& info);
  void SetOption(const Napi::CallbackInfo& info);

  std::shared_ptr<ContextHandle> handle_;
};

}  // namespace zmqt
