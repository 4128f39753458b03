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
// constructor. While JS waits for a direction (wait(mask) != 0) the native object holds strong
// references to itself and to that callback, so a socket with a pending operation is never
// collected; otherwise both are weak.
#pragma once

#include <napi.h>
#include <zmq.h>

#include <memory>
#include <string>
#include <vector>

#include "context.h"
#include "message.h"
#include "module.h"
#include "poller.h"

namespace zmqt {

class Socket : public Napi::ObjectWrap<Socket>, public Closable {
 public:
  static void Init(Napi::Env env, Napi::Object exports, Module& module);

  /** new Socket(context: Context, type: number, onReady: (events: number) => void) */
  explicit Socket(const Napi::CallbackInfo& info);
  ~Socket() override;

  void Close() override;

  /** The libzmq socket, or nullptr once closed. For Observer and Proxy. */
  void* handle() const { return socket_; }
  const std::shared_ptr<ContextHandle>& context() const { return context_; }

 private:
  friend class EndpointWorker;

  Napi::Value GetOption(const Napi::CallbackInfo& info);
  void SetOption(const Napi::CallbackInfo& info);
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
  Napi::Value Wait(const Napi::CallbackInfo& info);
  void Join(const Napi::CallbackInfo& info);
  void Leave(const Napi::CallbackInfo& info);
  void Monitor(const Napi::CallbackInfo& info);

  /** Throws EBADF when closed, EBUSY while a bind or unbind runs. */
  void CheckUsable(Napi::Env env) const;
  /** ZMQ_EVENTS, or -1 on error. */
  int Events() const;
  /** Sends the converted message; false when libzmq said EAGAIN for its first frame. */
  bool SendMessage(Napi::Env env, OutgoingMessage& message);

  static void OnPoll(void* self, int status);
  /** Re-reads ZMQ_EVENTS and reports what JS waits for, if ready. */
  void CheckReady(int status);
  void Notify(int ready);
  void StrongRefs(bool strong);
  void EndpointDone();

  Module& module_;
  std::shared_ptr<ContextHandle> context_;
  void* socket_ = nullptr;
  void* thread_safe_poller_ = nullptr;  // zmq_poller providing a descriptor for thread-safe sockets
  int type_ = 0;
  Poller poller_;
  Napi::FunctionReference on_ready_;
  std::unique_ptr<Napi::AsyncContext> async_context_;
  int wanted_ = 0;
  bool strong_ = false;
  int busy_ = 0;
  bool close_requested_ = false;
  ReceiveScratch scratch_;
  OutgoingMessage outgoing_;
};

}  // namespace zmqt
