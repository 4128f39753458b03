#include "module.h"

#include <zmq.h>

#include <string>
#include <vector>

#include "context.h"
#include "errors.h"
#include "socket.h"

namespace zmqt {

namespace {

/** libzmq's constants by their zmq.h names, for the TypeScript option table and classes:
 *  numbers come from the compiler, never from a hand-written table. */
Napi::Object Constants(Napi::Env env) {
  Napi::Object constants = Napi::Object::New(env);
#define ZMQT_CONSTANT(name) constants.Set(#name, Napi::Number::New(env, name));
#include "constants.generated.h"
#undef ZMQT_CONSTANT
  return constants;
}

}  // namespace

Module::Module(Napi::Env env, Napi::Object exports) {
  DefineAddon(exports, {
                           InstanceMethod("version", &Module::Version),
                           InstanceMethod("capability", &Module::Capability),
                           InstanceMethod("curveKeyPair", &Module::CurveKeyPair),
                           InstanceMethod("errnoError", &Module::MakeErrnoError),
                           InstanceValue("constants", Constants(env)),
                       });
  Context::Init(env, exports, *this);
  Socket::Init(env, exports, *this);
}

Module::~Module() {
  // Environment teardown (process exit or worker termination): close what user code left
  // open. Close() unregisters, so iterate over a copy.
  alive_ = false;
  std::vector<Closable*> survivors(live_.begin(), live_.end());
  for (Closable* object : survivors) object->Close();
  live_.clear();
}

Napi::Value Module::Version(const Napi::CallbackInfo& info) {
  int major = 0, minor = 0, patch = 0;
  zmq_version(&major, &minor, &patch);
  return Napi::String::New(info.Env(), std::to_string(major) + "." + std::to_string(minor) + "." +
                                           std::to_string(patch));
}

Napi::Value Module::Capability(const Napi::CallbackInfo& info) {
  // The same keys as zeromq.js reports, each straight from zmq_has().
  Napi::Object result = Napi::Object::New(info.Env());
  for (const char* name : {"ipc", "pgm", "tipc", "norm", "curve", "gssapi", "draft"}) {
    result.Set(name, Napi::Boolean::New(info.Env(), zmq_has(name) == 1));
  }
  return result;
}

Napi::Value Module::CurveKeyPair(const Napi::CallbackInfo& info) {
  // Z85 keys are 40 characters plus the terminating NUL.
  char publicKey[41];
  char secretKey[41];
  if (zmq_curve_keypair(publicKey, secretKey) != 0) ThrowZmqError(info.Env());
  Napi::Object result = Napi::Object::New(info.Env());
  result.Set("publicKey", Napi::String::New(info.Env(), publicKey));
  result.Set("secretKey", Napi::String::New(info.Env(), secretKey));
  return result;
}

Napi::Value Module::MakeErrnoError(const Napi::CallbackInfo& info) {
  return ErrnoError(info.Env(), info[0].As<Napi::Number>().Int32Value()).Value();
}

NODE_API_ADDON(Module)

}  // namespace zmqt
