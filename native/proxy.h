// Proxy: zmq_proxy_steerable() between two sockets, on a thread of its own.
//
// Why its own thread: the proxy loop blocks for as long as the proxy runs. zeromq.js parks it
// on libuv's threadpool, so four running proxies leave nothing for fs, dns or bind. One
// std::thread per run() costs a thread only while it runs.
//
// Ownership: the Proxy holds strong references to its two Socket objects. While it runs it
// also holds one to itself (a running proxy is never collected), the thread, the JS end of the
// control pair and a uv_async_t that keeps the event loop alive. The sockets are lent to the
// thread (Socket::Lend): nothing else touches them until run() completes.
//
// Threads: the proxy thread touches only the two lent libzmq sockets, its own end of the
// control pair and the shared `Run` state, through which it wakes the JS thread with
// uv_async_send (the one libuv call allowed from any thread). Everything else belongs to the
// environment's JS thread, which joins the thread before anything the thread uses goes away.
//
// Steering: pause(), resume() and terminate() send zmq_proxy_steerable's commands over an
// inproc PAIR pair in the front-end's context. When the loop returns, the JS thread joins the
// thread, gives the sockets back and settles run(). Environment teardown (and the destruction
// of a lent socket, which happens only then) goes through Close(): terminate, join, close.
#pragma once

#include <napi.h>
#include <uv.h>

#include <memory>
#include <thread>

#include "boundary.h"
#include "module.h"

namespace zmqt {

class Socket;

class Proxy : public Entry<Proxy, Napi::ObjectWrap<Proxy>>, public Closable {
 public:
  static void Init(Napi::Env env, Napi::Object exports, Module& module);

  /** new Proxy(frontEnd: Socket, backEnd: Socket), the native Socket objects. */
  explicit Proxy(const Napi::CallbackInfo& info);
  ~Proxy() override;

  /** Teardown: stops a running proxy now and closes its sockets; JS is not called, so run()
   *  stays unsettled. Idempotent. */
  void Close() override;

 private:
  struct Run;

  Napi::Value RunProxy(const Napi::CallbackInfo& info);
  void Pause(const Napi::CallbackInfo& info);
  void Resume(const Napi::CallbackInfo& info);
  void Terminate(const Napi::CallbackInfo& info);

  void SendCommand(Napi::Env env, const char* command);
  static void ThreadMain(std::shared_ptr<Run> run);
  static void OnWakeup(uv_async_t* handle);
  /** The loop returned (JS thread): join, give the sockets back, settle run(). */
  void Finish();
  /** Teardown: after TERMINATE, joins the thread, forcing it if it does not end on its own.
   *  False if it could not be stopped and was left behind (see the definition). */
  bool JoinAtTeardown();
  /** Everything but the sockets, once the thread is joined (or left behind). */
  void EndRun();

  Module& module_;
  Napi::ObjectReference front_object_;
  Napi::ObjectReference back_object_;
  std::unique_ptr<Napi::AsyncContext> async_context_;

  // While running:
  Socket* front_ = nullptr;
  Socket* back_ = nullptr;        // the same as front_ when one socket is both ends
  void* control_ = nullptr;       // the JS end of the control pair
  uv_async_t* wakeup_ = nullptr;  // heap-allocated, freed by its close callback
  std::shared_ptr<Run> run_;
  std::thread thread_;
  Napi::ObjectReference self_;
  std::unique_ptr<Napi::Promise::Deferred> deferred_;
};

}  // namespace zmqt
