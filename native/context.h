// Context: the JS object backing zeromq-turbo's Context, and ContextHandle, the libzmq context
// it stands for.
//
// Ownership: a ContextHandle is shared (std::shared_ptr) by its Context object and by every
// Socket created in it, so a context outlives its sockets whatever order GC finalizes them in.
// When the last owner lets go the context is terminated on a thread of its own, because
// zmq_ctx_term blocks until every socket's linger period has passed. The process-wide default
// context (shared by the main thread and all workers, so that inproc:// works between them) is
// never terminated. Context objects are touched by their environment's JS thread only.
#pragma once

#include <napi.h>

#include <memory>

#include "module.h"

namespace zmqt {

class ContextHandle {
 public:
  /** A new libzmq context; throws a JS error if libzmq cannot create one. */
  static std::shared_ptr<ContextHandle> Create(Napi::Env env);
  /** The process-wide default context, created on first use. */
  static std::shared_ptr<ContextHandle> Shared(Napi::Env env);

  explicit ContextHandle(void* context, bool shared) : context_(context), shared_(shared) {}
  ~ContextHandle();
  ContextHandle(const ContextHandle&) = delete;
  ContextHandle& operator=(const ContextHandle&) = delete;

  void* get() const { return context_; }

 private:
  void* context_;
  bool shared_;
};

class Context : public Napi::ObjectWrap<Context> {
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
