// Errors thrown or rejected by the addon, shaped as zeromq.js shapes them: an Error whose
// message is zmq_strerror()'s text, with `code` (the errno name), `errno` and, for endpoint
// operations, `address`. TypeScript may replace messages where zeromq.js words them differently.
//
// Error mode: C++ exceptions (node-addon-api's NAPI_CPP_EXCEPTIONS). Native code throws
// Napi::Error or Napi::TypeError and node-addon-api turns them into JS exceptions at the
// boundary of every method. Code that runs outside a JS call (libuv callbacks, threads) never
// throws: it builds an error value with ErrnoError() and rejects or reports it.
#pragma once

#include <napi.h>
#include <zmq.h>

#include <cerrno>
#include <string>

namespace zmqt {

/**
 * An endpoint call (zmq_bind, zmq_unbind, zmq_connect, zmq_disconnect), repeated while it fails
 * with EINTR. Each first processes the socket's pending commands, and a signal interrupts that
 * wait before anything was done: connect() failed with EINTR under node --cpu-prof (SIGPROF),
 * 1 of 4 runs here. zeromq.js repeats bind and unbind the same way.
 */
inline int Uninterrupted(int (*call)(void*, const char*), void* socket, const char* address) {
  int rc;
  while ((rc = call(socket, address)) != 0 && zmq_errno() == EINTR) {
  }
  return rc;
}

/** "EAGAIN", "EFSM", ...: the name of an errno value, libzmq's own included. */
const char* ErrnoName(int err);

/** zeromq.js's message for an errno value: its own wording for some, else zmq_strerror(). */
const char* ErrnoMessage(int err);

/** An Error for `err` with code and errno. */
Napi::Error ErrnoError(Napi::Env env, int err);
/** The same for an endpoint operation: with `address`, even when it is empty. */
Napi::Error ErrnoError(Napi::Env env, int err, const std::string& address);

/** An Error for a libuv error code (< 0): code uv_err_name()'s (e.g. "ENOSPC"), errno the
 *  positive errno value it stands for, and uv_strerror()'s text. */
Napi::Error UvError(Napi::Env env, int uv);

/** Throws ErrnoError(env, zmq_errno()). */
[[noreturn]] void ThrowZmqError(Napi::Env env);
/** Throws ErrnoError(env, zmq_errno(), address). */
[[noreturn]] void ThrowZmqError(Napi::Env env, const std::string& address);

/** Throws ErrnoError(env, err) with a message of our own instead of zmq_strerror()'s. */
[[noreturn]] void ThrowErrno(Napi::Env env, int err, const std::string& message);

[[noreturn]] void ThrowTypeError(Napi::Env env, const std::string& message);

}  // namespace zmqt
