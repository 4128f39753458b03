#include "proxy.h"

#include <zmq.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <system_error>

#ifndef _WIN32
#include <pthread.h>
#include <signal.h>
#endif

#include "context.h"
#include "errors.h"
#include "socket.h"
#include "wire.generated.h"

namespace zmqt {

/** What the proxy thread uses besides the two lent sockets. Shared with the thread, so that a
 *  thread left behind at teardown (see JoinAtTeardown) never points into a freed Proxy. */
struct Proxy::Run {
  void* front = nullptr;
  void* back = nullptr;
  void* control = nullptr;  // the thread's end of the control pair; the thread closes it

  std::mutex mutex;
  std::condition_variable done_signal;
  // Guarded by `mutex`:
  bool done = false;
  int error = 0;
  uv_async_t* wakeup = nullptr;      // nullptr once the JS thread stopped listening
  void* orphaned_control = nullptr;  // the JS end, handed to a thread left behind to close
};

namespace {

/** How long teardown waits for a terminated proxy to end before forcing it (JoinAtTeardown). */
constexpr std::chrono::milliseconds kTeardownGrace(250);

bool IsSocket(const Napi::Value& value, Module& module) {
  return value.IsObject() && value.As<Napi::Object>().InstanceOf(module.socket_constructor.Value());
}

/** A name no other control pair has. inproc names are per context and the default context is
 *  shared by every environment of the process, hence one process-wide counter. */
std::string ControlEndpoint() {
  static std::atomic<unsigned long long> counter{0};
  return "inproc://zeromq-turbo.proxy-control." + std::to_string(++counter);
}

void CloseZmqSocket(void*& socket) {
  if (socket == nullptr) return;
  zmq_close(socket);
  socket = nullptr;
}

/** Blocks every signal on the calling thread while alive; threads started meanwhile inherit
 *  that mask. A signal delivered to the proxy thread would end zmq_proxy_steerable with EINTR
 *  (neither its zmq_poll nor its blocking sends are restarted), and Node's handlers (SIGCHLD
 *  for child processes, SIGINT, ...) belong on the JS threads anyway. */
class SignalsBlocked {
 public:
#ifndef _WIN32
  SignalsBlocked() {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous_);
  }
  ~SignalsBlocked() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

 private:
  sigset_t previous_;
#endif
};

}  // namespace

void Proxy::Init(Napi::Env env, Napi::Object exports, Module& module) {
  Napi::Function constructor = DefineClass(env, "Proxy",
                                           {
                                               Method<&Proxy::RunProxy>("run"),
                                               Method<&Proxy::Pause>("pause"),
                                               Method<&Proxy::Resume>("resume"),
                                               Method<&Proxy::Terminate>("terminate"),
                                           });
  module.proxy_constructor = Napi::Persistent(constructor);
  exports.Set("Proxy", constructor);
}

Proxy::Proxy(const Napi::CallbackInfo& info) : Entry(info), module_(*info.Env().GetInstanceData<Module>()) {
  Napi::Env env = info.Env();
  Guard(env, [&] {
    // The TypeScript class validates with zeromq.js's texts; this only guards the native surface.
    if (info.Length() < 2 || !IsSocket(info[0], module_) || !IsSocket(info[1], module_)) {
      ThrowTypeError(env, "Proxy(frontEnd, backEnd) expects two sockets");
    }
    front_object_ = Napi::Persistent(info[0].As<Napi::Object>());
    back_object_ = Napi::Persistent(info[1].As<Napi::Object>());
    async_context_ = std::make_unique<Napi::AsyncContext>(env, "zeromq-turbo:Proxy", Value());
  });
}

Proxy::~Proxy() {
  GuardQuietly([this] { Close(); });
}

// ---- run --------------------------------------------------------------------------------

Napi::Value Proxy::RunProxy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (run_ != nullptr) ThrowErrno(env, EBUSY, Text(kProxyRunning));

  // Lending checks that each socket is open and not busy (with a bind, or in another proxy).
  Socket* front = Socket::Unwrap(front_object_.Value());
  Socket* back = Socket::Unwrap(back_object_.Value());
  front->Lend(env, this);
  if (back != front) {
    try {
      back->Lend(env, this);
    } catch (const Napi::Error&) {
      front->Release();
      throw;
    }
  }
  front_ = front;
  back_ = back;

  auto run = std::make_shared<Run>();
  run->front = front->handle();
  run->back = back->handle();
  std::unique_ptr<Napi::Promise::Deferred> deferred;
  Napi::ObjectReference self;
  try {
    // napi first: once the thread runs, nothing may fail any more.
    deferred = std::make_unique<Napi::Promise::Deferred>(Napi::Promise::Deferred::New(env));
    self = Napi::Persistent(Value());

    // The control pair lives in the front-end's context, as in zeromq.js. Both ends are made
    // here; the thread's end moves to the thread as it starts (libzmq lets a socket change
    // threads across a full memory barrier, which starting a thread is).
    void* context = front->context()->get();
    control_ = zmq_socket(context, ZMQ_PAIR);
    if (control_ == nullptr) ThrowZmqError(env);
    run->control = zmq_socket(context, ZMQ_PAIR);
    if (run->control == nullptr) ThrowZmqError(env);
    // Commands are never refused (HWM 0: no limit) and never outlive the pair (linger 0).
    int zero = 0;
    if (zmq_setsockopt(control_, ZMQ_LINGER, &zero, sizeof(zero)) != 0 ||
        zmq_setsockopt(control_, ZMQ_SNDHWM, &zero, sizeof(zero)) != 0 ||
        zmq_setsockopt(run->control, ZMQ_LINGER, &zero, sizeof(zero)) != 0 ||
        zmq_setsockopt(run->control, ZMQ_RCVHWM, &zero, sizeof(zero)) != 0) {
      ThrowZmqError(env);
    }
    std::string endpoint = ControlEndpoint();
    if (Uninterrupted(zmq_bind, run->control, endpoint.c_str()) != 0) ThrowZmqError(env, endpoint);
    if (Uninterrupted(zmq_connect, control_, endpoint.c_str()) != 0) ThrowZmqError(env, endpoint);

    uv_loop_t* loop = nullptr;
    if (napi_get_uv_event_loop(env, &loop) != napi_ok) ThrowErrno(env, EINVAL, "No event loop");
    auto* wakeup = new uv_async_t;
    int uv = uv_async_init(loop, wakeup, &Proxy::OnWakeup);
    if (uv != 0) {
      delete wakeup;  // never initialized, so there is nothing to close
      throw UvError(env, uv);
    }
    wakeup->data = this;
    wakeup_ = wakeup;
    run->wakeup = wakeup;

    try {
      SignalsBlocked blocked;
      thread_ = std::thread(&Proxy::ThreadMain, run);
    } catch (const std::system_error& error) {
      ThrowErrno(env, error.code().value(), "Could not start the proxy thread");
    }
  } catch (const Napi::Error&) {
    // No thread was started: undo the rest.
    CloseZmqSocket(run->control);
    EndRun();
    front_ = back_ = nullptr;
    front->Release();
    if (back != front) back->Release();
    throw;
  }

  run_ = std::move(run);
  deferred_ = std::move(deferred);
  self_ = std::move(self);
  module_.Register(this);
  return deferred_->Promise();
}

void Proxy::ThreadMain(std::shared_ptr<Run> run) {
  // No napi and no JS on this thread. zmq_proxy_steerable returns 0 after TERMINATE and -1 on
  // an error. EINTR cannot come from a signal (all are blocked here) but is retried anyway.
  int rc;
  while ((rc = zmq_proxy_steerable(run->front, run->back, nullptr, run->control)) != 0 && zmq_errno() == EINTR) {
  }
  int error = rc == 0 ? 0 : zmq_errno();
  zmq_close(run->control);
  void* orphaned_control;
  {
    std::lock_guard<std::mutex> lock(run->mutex);
    run->done = true;
    run->error = error;
    // Under the lock: the JS thread closes the handle only after clearing it under the lock,
    // or after joining this thread.
    if (run->wakeup != nullptr) uv_async_send(run->wakeup);
    orphaned_control = run->orphaned_control;
  }
  run->done_signal.notify_all();
  if (orphaned_control != nullptr) {
    // Left behind at teardown (JoinAtTeardown): the sockets were abandoned to this thread, so it
    // closes them too; otherwise terminating their context at exit would wait for them forever.
    zmq_close(orphaned_control);
    zmq_close(run->front);
    if (run->back != run->front) zmq_close(run->back);
  }
}

void Proxy::OnWakeup(uv_async_t* handle) {
  auto* self = static_cast<Proxy*>(handle->data);
  if (self != nullptr) GuardCallback(self->Env(), [self] { self->Finish(); });
}

void Proxy::Finish() {
  if (run_ == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(run_->mutex);
    if (!run_->done) return;
  }
  thread_.join();  // the loop has returned: this does not wait
  int error = run_->error;
  EndRun();
  Socket* front = front_;
  Socket* back = back_;
  front_ = back_ = nullptr;
  std::unique_ptr<Napi::Promise::Deferred> deferred = std::move(deferred_);

  Napi::Env env = Env();
  // Outside the try: the catch needs it too (and opening a handle scope does not fail).
  Napi::HandleScope scope(env);
  try {
    // A callback scope, so that what settling the promise triggers runs before libuv goes on.
    Napi::CallbackScope callback_scope(env, *async_context_);
    // Sockets first: a close requested meanwhile happens now (as after a bind), and JS sees
    // usable or closed sockets once run() settles.
    front->Release();
    if (back != front) back->Release();
    if (error != 0) {
      deferred->Reject(ErrnoError(env, error).Value());
    } else {
      deferred->Resolve(env.Undefined());
    }
  } catch (const Napi::Error& failure) {
    // Nothing may propagate into libuv: report it as Node reports an uncaught exception. (This
    // also runs when a worker's teardown spins the loop a last time; JS cannot run then, and
    // napi declines both the settling and this report.)
    napi_fatal_exception(env, failure.Value());
  }
  // Last: this may have been the only reference keeping the proxy alive. Deleting a reference
  // does not run JS; should napi still refuse, the reference is deleted with the proxy.
  try {
    self_.Reset();
  } catch (const Napi::Error&) {
    // Not reportable from here; the reference goes with the proxy.
  }
}

void Proxy::EndRun() {
  CloseZmqSocket(control_);
  if (wakeup_ != nullptr) {
    wakeup_->data = nullptr;
    uv_close(reinterpret_cast<uv_handle_t*>(wakeup_),
             [](uv_handle_t* handle) { delete reinterpret_cast<uv_async_t*>(handle); });
    wakeup_ = nullptr;
  }
  run_.reset();
  Unregister();
}

// ---- teardown ---------------------------------------------------------------------------

void Proxy::Close() {
  if (run_ == nullptr) return;
  // Environment teardown while running, or one of the sockets is being destroyed (only at
  // teardown too: the proxy holds them strongly). Stop the thread now, synchronously.
  while (zmq_send(control_, "TERMINATE", 9, ZMQ_DONTWAIT) < 0 && zmq_errno() == EINTR) {
  }
  bool joined = JoinAtTeardown();
  Socket* front = front_;
  Socket* back = back_;
  front_ = back_ = nullptr;
  EndRun();
  deferred_.reset();
  // The environment goes away, and a proxy's sockets are closed when it ends anyway. Closing
  // a socket first also makes Release() close it rather than look at its readiness, which
  // could call into JS. This runs in destructors: a napi failure (JS is gone) must not escape,
  // and the socket must forget this proxy whatever fails (Release and Abandon do that first).
  auto hand_back = [joined](Socket* socket) {
    try {
      socket->Close();
    } catch (const Napi::Error&) {
      // Nothing to report to at teardown; the socket is still handed back below.
    }
    try {
      if (joined) {
        socket->Release();
      } else {
        socket->Abandon();
      }
    } catch (const Napi::Error&) {
      // As above.
    }
  };
  hand_back(front);
  if (back != front) hand_back(back);
  try {
    self_.Reset();
  } catch (const Napi::Error&) {
    // As above.
  }
}

bool Proxy::JoinAtTeardown() {
  auto ended = [this] {
    std::unique_lock<std::mutex> lock(run_->mutex);
    return run_->done_signal.wait_for(lock, kTeardownGrace, [this] { return run_->done; });
  };
  if (!ended()) {
    // Still running after TERMINATE: the thread is blocked in a send to a peer that does not
    // read (zmq_proxy forwards with blocking sends) and sees no command until that returns.
    // Only shutting down the context interrupts it, and only contexts made in this
    // environment may be shut down: they die with it anyway. (Not the process-wide default
    // context, which other environments still use.)
    for (Socket* socket : {front_, back_}) {
      if (!socket->context()->shared()) socket->context()->Shutdown();
    }
    if (!ended()) {
      // Blocked in the process-wide default context, which other environments still use.
      // Rather than hang this environment's teardown (and process.exit(), which waits for
      // workers) until the peer reads, leave the thread behind: it keeps only the shared Run
      // state and the two libzmq sockets, which are never closed (Socket::Abandon), and
      // closes the control pair itself if it ever ends.
      std::lock_guard<std::mutex> lock(run_->mutex);
      if (!run_->done) {
        run_->wakeup = nullptr;
        run_->orphaned_control = control_;
        control_ = nullptr;
        thread_.detach();
        return false;
      }
    }
  }
  thread_.join();
  return true;
}

// ---- steering -------------------------------------------------------------------------

void Proxy::SendCommand(Napi::Env env, const char* command) {
  // zeromq.js's error for a proxy that is not running (before run(), or after it completed).
  if (control_ == nullptr) ThrowErrno(env, EBADF, Text(kClosed));
  while (zmq_send(control_, command, std::strlen(command), ZMQ_DONTWAIT) < 0) {
    if (zmq_errno() != EINTR) ThrowZmqError(env);
  }
}

void Proxy::Pause(const Napi::CallbackInfo& info) { SendCommand(info.Env(), "PAUSE"); }

void Proxy::Resume(const Napi::CallbackInfo& info) { SendCommand(info.Env(), "RESUME"); }

void Proxy::Terminate(const Napi::CallbackInfo& info) { SendCommand(info.Env(), "TERMINATE"); }

}  // namespace zmqt
