// The addon instance: one per Node environment (the main thread and each worker_thread get
// their own), created by Napi::Addon when the addon loads and destroyed at environment
// teardown. It owns the per-environment state: the constructors of the native classes and the
// registry of live native objects, which teardown closes. Only the JS thread of its
// environment touches it.
#pragma once

#include <napi.h>

#include "boundary.h"
#include "message.h"

#include <memory>
#include <unordered_set>

namespace zmqt {

/** The live native objects of one environment. Shared by the Module and every registered
 *  object, so that whichever of them is destroyed first at teardown (napi does not order the
 *  finalizers of wrapped objects and of the instance data) the others find it valid. */
struct Registry {
  std::unordered_set<class Closable*> live;
};

/** A native object that holds libzmq or libuv resources and must release them at teardown. */
class Closable {
 public:
  /** Whatever Close() did or skipped (a close deferred while another thread used the object),
   *  a destroyed object leaves the registry: teardown must never reach freed memory. */
  virtual ~Closable() { Unregister(); }
  /** Releases everything; idempotent; called on the JS thread only. */
  virtual void Close() = 0;

 protected:
  void Unregister() {
    if (registry_ == nullptr) return;
    registry_->live.erase(this);
    registry_.reset();
  }

 private:
  friend class Module;
  std::shared_ptr<Registry> registry_;
};

class Module : public Entry<Module, Napi::Addon<Module>> {
 public:
  Module(Napi::Env env, Napi::Object exports);
  ~Module();

  Napi::FunctionReference context_constructor;
  Napi::FunctionReference socket_constructor;
  Napi::FunctionReference proxy_constructor;

  /** The registry: everything still open is closed when the environment goes away. */
  void Register(Closable* object) {
    registry_->live.insert(object);
    object->registry_ = registry_;
  }

  /** Where zero-copy sends keep their JS values (nullptr: sends are copied, as in workers). */
  const std::shared_ptr<Pins>& pins() const { return pins_; }

  /** False once teardown has begun: nothing may call into JS any more. */
  bool alive() const { return alive_; }

 private:
  /** The constructor's work (run in Guard): the JS-visible names and per-environment state. */
  void Setup(Napi::Env env, Napi::Object exports);
  Napi::Value Version(const Napi::CallbackInfo& info);
  Napi::Value Capability(const Napi::CallbackInfo& info);
  /** The CopyPool's counters (native/pool.h), for the tests of its policy. */
  Napi::Value CopyPoolStats(const Napi::CallbackInfo& info);
  Napi::Value CurveKeyPair(const Napi::CallbackInfo& info);
  Napi::Value CurvePublic(const Napi::CallbackInfo& info);
  Napi::Value Z85Encode(const Napi::CallbackInfo& info);
  Napi::Value Z85Decode(const Napi::CallbackInfo& info);
  Napi::Value MakeErrnoError(const Napi::CallbackInfo& info);
  Napi::Value FlushAtExit(const Napi::CallbackInfo& info);
  /** Closes every registered object (teardown, FlushAtExit). */
  void CloseAll();

  std::shared_ptr<Registry> registry_ = std::make_shared<Registry>();
  bool alive_ = true;
  bool main_thread_ = false;
  std::shared_ptr<Pins> pins_;  // the process's main thread, whose teardown is the process exit
};

}  // namespace zmqt
