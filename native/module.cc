#include "module.h"

#include <uv.h>
#include <zmq.h>

#include <mutex>
#include <string>
#include <vector>

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

#include "context.h"
#include "errors.h"
#include "pool.h"
#include "proxy.h"
#include "socket.h"
#include "wire.generated.h"

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

/** Keeps this addon's code mapped until the process ends, even after the last environment
 *  that loaded it is gone: Node unloads an addon with the last environment using it (a worker
 *  that was the only one to require it), yet code in it still has to run afterwards: the
 *  default context's I/O threads, and the libuv close callbacks of handles closed during
 *  teardown, which the worker's loop runs after its environment was freed. */
void PinLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
#ifdef _WIN32
    HMODULE self = nullptr;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       reinterpret_cast<LPCWSTR>(&PinLibrary), &self);
#else
    Dl_info info;
    if (dladdr(reinterpret_cast<void*>(&PinLibrary), &info) != 0 && info.dli_fname != nullptr) {
      // Already loaded: this only marks it never to be unloaded. The handle is never closed.
      dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    }
#endif
  });
}

}  // namespace

Module::Module(Napi::Env env, Napi::Object exports) {
  Guard(env, [&] { Setup(env, exports); });
}

void Module::Setup(Napi::Env env, Napi::Object exports) {
  DefineAddon(exports, {
                           Method<&Module::Version>("version"),
                           Method<&Module::Capability>("capability"),
                           Method<&Module::CopyPoolStats>("copyPoolStats"),
                           Method<&Module::CurveKeyPair>("curveKeyPair"),
                           Method<&Module::CurvePublic>("curvePublic"),
                           Method<&Module::Z85Encode>("z85Encode"),
                           Method<&Module::Z85Decode>("z85Decode"),
                           Method<&Module::MakeErrnoError>("errnoError"),
                           Method<&Module::FlushAtExit>("flushAtExit"),
                           InstanceValue("constants", Constants(env)),
                       });
#ifdef ZMQ_TURBO_RECEIVE_INIT
  // Not in a system libzmq, which receives into its own allocations.
  zmq_turbo_set_receive_init(&CopyPool::InitReceived);
#endif
  Context::Init(env, exports, *this);
  Socket::Init(env, exports, *this);
  Proxy::Init(env, exports, *this);
  PinLibrary();
  // The main thread's environment runs on libuv's default loop; a worker's has a loop of its own.
  uv_loop_t* loop = nullptr;
  main_thread_ = napi_get_uv_event_loop(env, &loop) == napi_ok && loop == uv_default_loop();
  // Zero-copy sends only where teardown waits for libzmq to drop every message (see message.h).
  if (main_thread_) pins_ = Pins::Create(env);
}

Module::~Module() {
  // Environment teardown (process exit or worker termination): close what user code left open.
  alive_ = false;
  GuardQuietly([this] { CloseAll(); });
  // Process exit: with every socket closed, wait as zeromq.js does for queued messages to be
  // delivered or to reach their linger. Not at a worker's exit (see ContextHandle::TerminateAll).
  if (main_thread_) GuardQuietly([] { ContextHandle::TerminateAll(); });
  // Every context is terminated: libzmq holds no message, so no zero-copy frame, any more.
  if (pins_ != nullptr) GuardQuietly([this] { pins_->Shutdown(); });
}

void Module::CloseAll() {
  // Close() unregisters, so iterate over a copy, and look each one up again: closing one object
  // may destroy another (a Proxy's sockets), which then is no longer registered.
  std::vector<Closable*> survivors(registry_->live.begin(), registry_->live.end());
  for (Closable* object : survivors) {
    if (registry_->live.count(object) == 0) continue;
    GuardQuietly([object] { object->Close(); });
  }
}

/**
 * flushAtExit(limit): for the v5-compat layer's process "exit" listener. process.exit() ends
 * the process without tearing the environment down, so ~Module never runs and messages that
 * libzmq took but has not written yet are lost (zeromq@5 raced its I/O thread the same way).
 * This does teardown's work now on the main thread: closes every socket and terminates the
 * default context, waiting at most `limit` ms for queued messages. Returns whether everything
 * was delivered (or dropped by linger) in time; elsewhere than on the main thread it does
 * nothing (the default context is shared with the other threads) and returns false.
 */
Napi::Value Module::FlushAtExit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!main_thread_ || info.Length() < 1 || !info[0].IsNumber()) return Napi::Boolean::New(env, false);
  CloseAll();
  int limit = info[0].As<Napi::Number>().Int32Value();
  return Napi::Boolean::New(env, ContextHandle::TerminateAllWithin(limit > 0 ? limit : 0));
}

Napi::Value Module::Version(const Napi::CallbackInfo& info) {
  int major = 0, minor = 0, patch = 0;
  zmq_version(&major, &minor, &patch);
  return Napi::String::New(info.Env(),
                           std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch));
}

Napi::Value Module::CopyPoolStats(const Napi::CallbackInfo& info) {
  CopyPool::Stats stats = CopyPool::Get().stats();
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("reused", Napi::Number::New(env, static_cast<double>(stats.reused)));
  result.Set("fresh", Napi::Number::New(env, static_cast<double>(stats.fresh)));
  result.Set("idleBytes", Napi::Number::New(env, static_cast<double>(stats.idleBytes)));
  result.Set("busyBytes", Napi::Number::New(env, static_cast<double>(stats.busyBytes)));
  return result;
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

// Z85 (RFC 32) and zmq_curve_public: lib/z85.ts validates types and lengths and words the
// errors; here only what libzmq itself decides (a character outside the alphabet, a group of
// five characters above 0xffffffff, a secret key that is not Z85) comes back as null.

Napi::Value Module::CurvePublic(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) ThrowTypeError(info.Env(), "Secret key must be a string");
  std::string secret = info[0].As<Napi::String>().Utf8Value();
  if (secret.size() != 40) return info.Env().Null();
  char publicKey[41];
  if (zmq_curve_public(publicKey, secret.c_str()) != 0) {
    if (zmq_errno() == ENOTSUP) ThrowZmqError(info.Env());
    return info.Env().Null();
  }
  return Napi::String::New(info.Env(), publicKey);
}

Napi::Value Module::Z85Encode(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    ThrowTypeError(info.Env(), "Data must be a Uint8Array");
  }
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  size_t size = bytes.ElementLength();
  if (size % 4 != 0) return info.Env().Null();
  // Five characters per four bytes, plus the terminating NUL zmq_z85_encode writes.
  std::string text(size / 4 * 5 + 1, '\0');
  if (size > 0 && zmq_z85_encode(&text[0], bytes.Data(), size) == nullptr) return info.Env().Null();
  return Napi::String::New(info.Env(), text.data(), size / 4 * 5);
}

Napi::Value Module::Z85Decode(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) ThrowTypeError(info.Env(), Text(kDataType));
  std::string text = info[0].As<Napi::String>().Utf8Value();
  // zmq_z85_decode reads up to a NUL and would accept a string cut short by one.
  if (text.size() % 5 != 0 || text.find('\0') != std::string::npos) return info.Env().Null();
  auto bytes = Napi::Buffer<uint8_t>::New(info.Env(), text.size() / 5 * 4);
  // libzmq rejects the empty string (its minimum is one group); RFC 32 allows it.
  if (!text.empty() && zmq_z85_decode(bytes.Data(), text.c_str()) == nullptr) return info.Env().Null();
  return bytes;
}

Napi::Value Module::MakeErrnoError(const Napi::CallbackInfo& info) {
  return ErrnoError(info.Env(), info[0].As<Napi::Number>().Int32Value()).Value();
}

NODE_API_ADDON(Module)

}  // namespace zmqt
