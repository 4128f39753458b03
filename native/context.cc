#include "context.h"

#include <uv.h>
#include <zmq.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "errors.h"
#include "wire.generated.h"

namespace zmqt {

namespace {

// Process-wide state, deliberately: the default context is shared by every environment, and
// contexts are terminated on threads of their own, which the process exit waits for.
// Guarded by `mutex`. Never destroyed: terminating threads may still use it while the process
// exits.
struct Contexts {
  std::mutex mutex;
  std::condition_variable terminated;
  std::shared_ptr<ContextHandle> shared;  // the default context, once created
  // Contexts being terminated -> their ZMQ_BLOCKY. A multimap, erased by iterator: once a
  // context is terminated its address may come back from zmq_ctx_new before the entry is gone.
  std::multimap<void*, bool> terminating;
};

Contexts& contexts() {
  static Contexts* instance = new Contexts();
  return *instance;
}

void TerminateNow(void* context) {
  while (zmq_ctx_term(context) != 0 && zmq_errno() == EINTR) {
  }
}

/** zmq_ctx_term on a thread of its own: it blocks until every socket's linger has passed. */
void Terminate(void* context) {
  Contexts& all = contexts();
  std::multimap<void*, bool>::iterator entry;
  {
    std::lock_guard<std::mutex> lock(all.mutex);
    entry = all.terminating.emplace(context, zmq_ctx_get(context, ZMQ_BLOCKY) > 0);
  }
  auto forget = [&all, entry] {
    std::lock_guard<std::mutex> lock(all.mutex);
    all.terminating.erase(entry);
    all.terminated.notify_all();
  };
  try {
    std::thread([context, forget] {
      TerminateNow(context);
      forget();
    }).detach();
  } catch (const std::system_error&) {
    // No thread to be had (this runs in destructors, where nothing may throw): wait here.
    TerminateNow(context);
    forget();
  }
}

/**
 * zmq_ctx_new, with ZMQ_ZERO_COPY_RECV off: a message received on a connection then has memory
 * of its own instead of pointing into the batch libzmq read it with. Sockets read in batches of
 * kBatchSize (message.h), so a message kept waiting in a queue would otherwise keep up to that
 * much alive.
 */
void* NewContext() {
  void* context = zmq_ctx_new();
#ifdef ZMQ_ZERO_COPY_RECV
  if (context != nullptr && zmq_ctx_set(context, ZMQ_ZERO_COPY_RECV, 0) != 0) {
    int error = zmq_errno();
    TerminateNow(context);  // a new context has no sockets: this does not wait
    errno = error;
    return nullptr;
  }
#endif
  return context;
}

}  // namespace

std::shared_ptr<ContextHandle> ContextHandle::Create(Napi::Env env) {
  void* context = NewContext();
  if (context == nullptr) ThrowZmqError(env);
  return std::make_shared<ContextHandle>(context, false);
}

std::shared_ptr<ContextHandle> ContextHandle::Shared(Napi::Env env) {
  Contexts& all = contexts();
  std::lock_guard<std::mutex> lock(all.mutex);
  if (all.shared == nullptr) {
    void* context = NewContext();
    if (context == nullptr) ThrowZmqError(env);
    all.shared = std::make_shared<ContextHandle>(context, true);
  }
  return all.shared;
}

ContextHandle::~ContextHandle() {
  // zmq_ctx_term waits for lingering messages; never make a JS thread wait for that. The
  // default context is terminated at process exit instead (TerminateAll).
  if (shared_ || context_ == nullptr) return;
  Terminate(context_);
}

namespace {

/** Starts terminating the default context (the next Shared() makes a new one); returns with
 *  the lock held. */
std::unique_lock<std::mutex> TerminateShared(Contexts& all) {
  std::unique_lock<std::mutex> lock(all.mutex);
  std::shared_ptr<ContextHandle> shared = std::move(all.shared);
  all.shared = nullptr;
  lock.unlock();
  if (shared != nullptr) Terminate(shared->get());
  lock.lock();
  return lock;
}

}  // namespace

bool ContextHandle::TerminateAllWithin(int limit) {
  Contexts& all = contexts();
  std::unique_lock<std::mutex> lock = TerminateShared(all);
  return all.terminated.wait_for(lock, std::chrono::milliseconds(limit), [&all] { return all.terminating.empty(); });
}

void ContextHandle::TerminateAll() {
  Contexts& all = contexts();
  // Node stopped every worker before this teardown, and this environment's sockets are closed
  // and its Context objects finalized (their terminations are under way).
  std::unique_lock<std::mutex> lock = TerminateShared(all);
  auto done = [&all] { return all.terminating.empty(); };
  if (all.terminated.wait_for(lock, std::chrono::milliseconds(500), done)) return;
  // zeromq.js's warning, word for word (Node's process.emitWarning cannot run any more).
  for (const auto& [context, blocky] : all.terminating) {
    std::fprintf(stderr, "(node:%d) WARNING: Waiting for queued ZeroMQ messages to be delivered.%s\n",
                 static_cast<int>(uv_os_getpid()),
                 blocky ? " Set 'context.blocky = false' to change this behaviour." : "");
  }
  all.terminated.wait(lock, done);
}

void Context::Init(Napi::Env env, Napi::Object exports, Module& module) {
  Napi::Function constructor = DefineClass(env, "Context",
                                           {
                                               Method<&Context::GetOption>("getOption"),
                                               Method<&Context::SetOption>("setOption"),
                                           });
  module.context_constructor = Napi::Persistent(constructor);
  exports.Set("Context", constructor);
}

Context::Context(const Napi::CallbackInfo& info) : Entry(info) {
  Guard(info.Env(), [&] {
    bool shared = info.Length() > 0 && info[0].ToBoolean().Value();
    handle_ = shared ? ContextHandle::Shared(info.Env()) : ContextHandle::Create(info.Env());
  });
}

Napi::Value Context::GetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int option = info[0].As<Napi::Number>().Int32Value();
  auto type = static_cast<OptionType>(info[1].As<Napi::Number>().Int32Value());
  int value = zmq_ctx_get(handle_->get(), option);
  if (value < 0) ThrowZmqError(env);
  if (type == OptionType::Bool) return Napi::Boolean::New(env, value != 0);
  return Napi::Number::New(env, value);
}

void Context::SetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int option = info[0].As<Napi::Number>().Int32Value();
  auto type = static_cast<OptionType>(info[1].As<Napi::Number>().Int32Value());
  int value = type == OptionType::Bool ? info[2].ToBoolean().Value() : info[2].As<Napi::Number>().Int32Value();
  if (zmq_ctx_set(handle_->get(), option, value) != 0) ThrowZmqError(env);
}

}  // namespace zmqt
