#include "context.h"

#include <zmq.h>

#include <cerrno>
#include <mutex>
#include <thread>

#include "errors.h"
#include "option_types.h"

namespace zmqt {

std::shared_ptr<ContextHandle> ContextHandle::Create(Napi::Env env) {
  void* context = zmq_ctx_new();
  if (context == nullptr) ThrowZmqError(env);
  return std::make_shared<ContextHandle>(context, false);
}

std::shared_ptr<ContextHandle> ContextHandle::Shared(Napi::Env env) {
  // Process-wide state, deliberately: one default context for every environment. Guarded by
  // the mutex; never destroyed, so never terminated (see the header).
  static std::mutex mutex;
  static std::shared_ptr<ContextHandle>* shared = nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  if (shared == nullptr) {
    void* context = zmq_ctx_new();
    if (context == nullptr) ThrowZmqError(env);
    shared = new std::shared_ptr<ContextHandle>(std::make_shared<ContextHandle>(context, true));
  }
  return *shared;
}

ContextHandle::~ContextHandle() {
  if (shared_ || context_ == nullptr) return;
  // zmq_ctx_term waits for lingering messages; never make a JS thread wait for that.
  void* context = context_;
  std::thread([context] {
    while (zmq_ctx_term(context) != 0 && zmq_errno() == EINTR) {
    }
  }).detach();
}

void Context::Init(Napi::Env env, Napi::Object exports, Module& module) {
  Napi::Function constructor = DefineClass(env, "Context",
                                           {
                                               InstanceMethod("getOption", &Context::GetOption),
                                               InstanceMethod("setOption", &Context::SetOption),
                                           });
  module.context_constructor = Napi::Persistent(constructor);
  exports.Set("Context", constructor);
}

Context::Context(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Context>(info) {
  bool shared = info.Length() > 0 && info[0].ToBoolean().Value();
  handle_ = shared ? ContextHandle::Shared(info.Env()) : ContextHandle::Create(info.Env());
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
