// The boundary between JS and native code: no C++ exception ever crosses it.
//
// node-addon-api (NAPI_CPP_EXCEPTIONS) turns a Napi::Error that leaves a method into a JS
// exception, but nothing else: a std::bad_alloc from a container, a std::length_error from an
// absurd size or a std::system_error from a mutex would reach V8 and end in std::terminate, an
// abort of the whole process. So every native entry point runs its body through one of the
// guards below, which translate whatever is thrown, in one place (Translate):
// - a Napi::Error stays as it is;
// - std::bad_alloc and std::length_error (an allocation that failed, or that could never
//   succeed) become ErrnoError(ENOMEM): code "ENOMEM", errno, zmq_strerror()'s text;
// - any other std::exception becomes an Error with its what(); anything else an Error too.
//
// The entry points and their guard:
// - methods called from JS: registered with Method<&Class::Name>("name") (a class derives from
//   Entry<Class, Napi::ObjectWrap<Class>> or Entry<Class, Napi::Addon<Class>>), never with
//   node-addon-api's InstanceMethod directly (test/scripts/source.test.ts checks that);
// - constructors called from JS: their body runs in Guard();
// - libuv and napi callbacks on the JS thread (poll, async wake-ups, bind/unbind completion):
//   their body runs in GuardCallback(), which reports instead of throwing, because nothing may
//   unwind into libuv: as Node reports an uncaught exception;
// - destructors (finalizers, teardown) and callbacks on other threads: GuardQuietly(), which
//   has nowhere to report to.
// node-addon-api's own catch-all (NODE_ADDON_API_CPP_EXCEPTIONS_ALL, binding.gyp) only ever
// sees what fails during a translation itself, e.g. memory running out again meanwhile.
#pragma once

#include <napi.h>

#include <cerrno>
#include <exception>
#include <new>
#include <stdexcept>
#include <type_traits>

#include "errors.h"

namespace zmqt {

/** The JS error for the exception being handled. Call only inside a catch block. */
inline Napi::Error Translate(Napi::Env env) {
  try {
    throw;
  } catch (const Napi::Error& error) {
    return error;
  } catch (const std::bad_alloc&) {
    return ErrnoError(env, ENOMEM);
  } catch (const std::length_error&) {
    return ErrnoError(env, ENOMEM);
  } catch (const std::exception& error) {
    return Napi::Error::New(env, error.what());
  } catch (...) {
    return Napi::Error::New(env, "Unknown native exception");
  }
}

/** Runs the body of a method or constructor: whatever it throws leaves as a Napi::Error. */
template <typename Body>
decltype(auto) Guard(Napi::Env env, Body&& body) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (...) {
    throw Translate(env);
  }
}

/** Runs the body of a libuv or napi callback on the JS thread: whatever it throws is reported
 *  as an uncaught exception (when JS can no longer run, as in a worker's teardown, it is
 *  dropped: there is nobody left to tell). */
template <typename Body>
void GuardCallback(Napi::Env env, Body&& body) noexcept {
  try {
    body();
  } catch (const Napi::Error& error) {
    // Made already: report it without making anything (napi declines once JS cannot run).
    try {
      napi_fatal_exception(env, error.Value());
    } catch (...) {
      // As below.
    }
  } catch (...) {
    try {
      Napi::HandleScope scope(env);
      napi_fatal_exception(env, Translate(env).Value());
    } catch (...) {
      // Not even an error could be made: nothing more can be done from here.
    }
  }
}

/** Runs the body of a destructor or of a callback on another thread: nothing escapes. */
template <typename Body>
void GuardQuietly(Body&& body) noexcept {
  try {
    body();
  } catch (...) {
    // Nowhere to report to (see the callers); what could be released has been.
  }
}

/** A native class whose JS methods are registered through Guard (see the top of this file). */
template <typename T, typename Base>
class Entry : public Base {
 public:
  using Base::Base;

 protected:
  /** Method<&T::Name>("name"): T::Name(const Napi::CallbackInfo&), returning a value or void. */
  template <auto method>
  static Napi::ClassPropertyDescriptor<T> Method(const char* name) {
    Napi::Value (T::*guarded)(const Napi::CallbackInfo&) = &Entry::template Call<method>;
    return Base::InstanceMethod(name, guarded);
  }

 private:
  template <auto method>
  Napi::Value Call(const Napi::CallbackInfo& info) {
    T* self = static_cast<T*>(this);
    return Guard(info.Env(), [&]() -> Napi::Value {
      if constexpr (std::is_void_v<decltype((self->*method)(info))>) {
        (self->*method)(info);
        return Napi::Value();  // undefined in JS, without a napi call
      } else {
        return (self->*method)(info);
      }
    });
  }
};

}  // namespace zmqt
