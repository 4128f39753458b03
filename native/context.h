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
#pragma once

#include <napi.h>

#include <memory>
#include <mutex>
#include <set>

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

  explicit ContextHandle(void* context, bool shared) : context_(context), shared_(shared) {}
  ~ContextHandle();
  ContextHandle(const ContextHandle&) = delete;
  ContextHandle& operator=(const ContextHandle&) = delete;

  void* get() const { return context_; }

  /** zmq_ctx_set, remembering what libzmq applies only when the context starts its threads. */
  int Set(int option, int value);
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
  void* context_;
  bool shared_;
  std::mutex mutex_;  // the default context is shared by every environment's thread
  bool started_ = false;
  int priority_ = -1;  // ZMQ_THREAD_PRIORITY_DFLT; libzmq has no getter for it
  std::set<int> affinity_;
};

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
