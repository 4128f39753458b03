// The addon instance: one per Node environment (the main thread and each worker_thread get
// their own), created by Napi::Addon at load and destroyed at environment teardown. It owns
// the per-environment state: constructors of the native classes and the registry of live
// native objects that teardown closes. Only the JS thread of its environment touches it.
#pragma once

#include <napi.h>

namespace zmqt {

class Module : public Napi::Addon<Module> {
 public:
  Module(Napi::Env env, Napi::Object exports);

 private:
  Napi::Value Version(const Napi::CallbackInfo& info);
  Napi::Value Capability(const Napi::CallbackInfo& info);
  Napi::Value CurveKeyPair(const Napi::CallbackInfo& info);
};

}  // namespace zmqt
