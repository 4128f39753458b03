#include "errors.h"

#include <uv.h>
#include <zmq.h>

#include <cerrno>

#include "wire.generated.h"

namespace zmqt {

const char* ErrnoName(int err) {
  switch (err) {
#define ZMQT_ERRNO(name) \
  case name:             \
    return #name;
    // libzmq's own, defined relative to ZMQ_HAUSNUMERO where the platform lacks them.
    ZMQT_ERRNO(EFSM)
    ZMQT_ERRNO(ENOCOMPATPROTO)
    ZMQT_ERRNO(ETERM)
    ZMQT_ERRNO(EMTHREAD)
    ZMQT_ERRNO(ENOTSUP)
    ZMQT_ERRNO(EPROTONOSUPPORT)
    ZMQT_ERRNO(ENOBUFS)
    ZMQT_ERRNO(ENETDOWN)
    ZMQT_ERRNO(EADDRINUSE)
    ZMQT_ERRNO(EADDRNOTAVAIL)
    ZMQT_ERRNO(ECONNREFUSED)
    ZMQT_ERRNO(EINPROGRESS)
    ZMQT_ERRNO(ENOTSOCK)
    ZMQT_ERRNO(EMSGSIZE)
    ZMQT_ERRNO(EAFNOSUPPORT)
    ZMQT_ERRNO(ENETUNREACH)
    ZMQT_ERRNO(ECONNABORTED)
    ZMQT_ERRNO(ECONNRESET)
    ZMQT_ERRNO(ENOTCONN)
    ZMQT_ERRNO(ETIMEDOUT)
    ZMQT_ERRNO(EHOSTUNREACH)
    ZMQT_ERRNO(ENETRESET)
    // The system's, as libzmq passes them through.
    ZMQT_ERRNO(EPERM)
    ZMQT_ERRNO(ENOENT)
    ZMQT_ERRNO(ESRCH)
    ZMQT_ERRNO(EINTR)
    ZMQT_ERRNO(EIO)
    ZMQT_ERRNO(ENXIO)
    ZMQT_ERRNO(E2BIG)
    ZMQT_ERRNO(ENOEXEC)
    ZMQT_ERRNO(EBADF)
    ZMQT_ERRNO(ECHILD)
    ZMQT_ERRNO(EAGAIN)
    ZMQT_ERRNO(ENOMEM)
    ZMQT_ERRNO(EACCES)
    ZMQT_ERRNO(EFAULT)
    ZMQT_ERRNO(EBUSY)
    ZMQT_ERRNO(EEXIST)
    ZMQT_ERRNO(EXDEV)
    ZMQT_ERRNO(ENODEV)
    ZMQT_ERRNO(ENOTDIR)
    ZMQT_ERRNO(EISDIR)
    ZMQT_ERRNO(EINVAL)
    ZMQT_ERRNO(ENFILE)
    ZMQT_ERRNO(EMFILE)
    ZMQT_ERRNO(ENOTTY)
    ZMQT_ERRNO(EFBIG)
    ZMQT_ERRNO(ENOSPC)
    ZMQT_ERRNO(ESPIPE)
    ZMQT_ERRNO(EROFS)
    ZMQT_ERRNO(EMLINK)
    ZMQT_ERRNO(EPIPE)
    ZMQT_ERRNO(EDOM)
    ZMQT_ERRNO(ERANGE)
    ZMQT_ERRNO(EDEADLK)
    ZMQT_ERRNO(ENAMETOOLONG)
    ZMQT_ERRNO(ENOLCK)
    ZMQT_ERRNO(ENOSYS)
    ZMQT_ERRNO(ENOTEMPTY)
    ZMQT_ERRNO(ELOOP)
    ZMQT_ERRNO(EPROTO)
    ZMQT_ERRNO(EPROTOTYPE)
    ZMQT_ERRNO(ENOPROTOOPT)
    ZMQT_ERRNO(EALREADY)
    ZMQT_ERRNO(EDESTADDRREQ)
    ZMQT_ERRNO(EISCONN)
// Windows' <errno.h> (MSVC's and MinGW's) has neither; libzmq does not define them there.
#ifdef ESHUTDOWN
    ZMQT_ERRNO(ESHUTDOWN)
#endif
#ifdef EHOSTDOWN
    ZMQT_ERRNO(EHOSTDOWN)
#endif
    ZMQT_ERRNO(ECANCELED)
#undef ZMQT_ERRNO
    default:
      return "";
  }
}

const char* ErrnoMessage(int err) {
  // zeromq.js's wording where it replaces zmq_strerror()'s (part of the compatibility contract;
  // the table is lib/wire-table.ts's errnoMessages).
  const char* replaced = ReplacedErrnoText(err);
  return replaced != nullptr ? replaced : zmq_strerror(err);
}

Napi::Error ErrnoError(Napi::Env env, int err) {
  Napi::Error error = Napi::Error::New(env, ErrnoMessage(err));
  Napi::Object obj = error.Value();
  obj.Set("errno", Napi::Number::New(env, err));
  obj.Set("code", Napi::String::New(env, ErrnoName(err)));
  return error;
}

Napi::Error ErrnoError(Napi::Env env, int err, const std::string& address) {
  Napi::Error error = ErrnoError(env, err);
  error.Set("address", Napi::String::New(env, address));
  return error;
}

Napi::Error UvError(Napi::Env env, int uv) {
  Napi::Error error = Napi::Error::New(env, uv_strerror(uv));
  Napi::Object obj = error.Value();
  obj.Set("errno", Napi::Number::New(env, -uv));
  obj.Set("code", Napi::String::New(env, uv_err_name(uv)));
  return error;
}

void ThrowZmqError(Napi::Env env) { throw ErrnoError(env, zmq_errno()); }

void ThrowZmqError(Napi::Env env, const std::string& address) { throw ErrnoError(env, zmq_errno(), address); }

void ThrowErrno(Napi::Env env, int err, const std::string& message) {
  Napi::Error error = ErrnoError(env, err);
  error.Set("message", Napi::String::New(env, message));
  throw error;
}

void ThrowTypeError(Napi::Env env, const std::string& message) { throw Napi::TypeError::New(env, message); }

}  // namespace zmqt
