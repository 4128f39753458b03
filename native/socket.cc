#include "socket.h"

#include <uv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <system_error>

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include "errors.h"
#include "numbers.h"
#include "wire.generated.h"

namespace zmqt {

namespace {

std::string AddressArg(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) ThrowTypeError(info.Env(), Text(kAddressType));
  return info[0].As<Napi::String>().Utf8Value();
}

/** Whether the endpoint makes connections (tcp, ipc, ...) rather than inproc pipes. */
bool IsConnection(const std::string& address) { return address.compare(0, 9, "inproc://") != 0; }

/** Whether `option` is one of libzmq's batch sizes (inBatchSize, outBatchSize). */
bool IsBatchSize(int option) {
#ifdef ZMQ_IN_BATCH_SIZE
  return option == ZMQ_IN_BATCH_SIZE || option == ZMQ_OUT_BATCH_SIZE;
#else
  return false;
#endif
}

/** Whether `option` is a high water mark: see kMaxHighWaterMark. */
bool IsHighWaterMark(int option) { return option == ZMQ_SNDHWM || option == ZMQ_RCVHWM; }

/**
 * The largest high water mark libzmq is given. It adds the marks of a pipe's two ends and a
 * boost in int arithmetic (src/socket_base.cpp for inproc, src/pipe.cpp:497's (hwm + 1) / 2),
 * which overflows for values near INT_MAX (UBSan: signed overflow). A queue of 2^28 messages is
 * as unlimited as one of 2^31 (memory runs out first), so a larger value reaches libzmq as this
 * one and the getter reports what was set.
 */
constexpr int kMaxHighWaterMark = 1 << 28;

/**
 * libzmq's batch sizes for connections (kBatchSize, message.h). STREAM keeps libzmq's default,
 * because there the batch size is the size of the chunks the application receives.
 */
int ConfigureBatches(void* socket, int type) {
#ifdef ZMQ_IN_BATCH_SIZE
  if (type == ZMQ_STREAM) return 0;
  int batch = kBatchSize;
  if (zmq_setsockopt(socket, ZMQ_IN_BATCH_SIZE, &batch, sizeof(batch)) != 0) return -1;
  return zmq_setsockopt(socket, ZMQ_OUT_BATCH_SIZE, &batch, sizeof(batch));
#else
  return 0;
#endif
}

/**
 * zmq_bind that also accepts a host name on tcp://. libzmq 4.3.4 (the pinned version) binds
 * only interface names and IP literals and fails with ENODEV for a host name such as
 * "localhost", which zeromq.js's bundled 4.3.5 accepts. On that failure the host is resolved
 * here (IPv4 unless the socket has ZMQ_IPV6) and the bind retried with the address; errors
 * keep referring to the address as given. Safe on any thread that owns the socket.
 */
int BindResolving(void* socket, const std::string& address) {
  if (Uninterrupted(zmq_bind, socket, address.c_str()) == 0) return 0;
  int error = zmq_errno();
  const std::string scheme = "tcp://";
  size_t colon = address.rfind(':');
  if (error != ENODEV || address.compare(0, scheme.size(), scheme) != 0 || colon == std::string::npos ||
      colon < scheme.size()) {
    errno = error;
    return -1;
  }
  std::string host = address.substr(scheme.size(), colon - scheme.size());
  if (host.empty() || host == "*" || host.find_first_of("[]:;") != std::string::npos) {
    errno = error;
    return -1;
  }
  int ipv6 = 0;
  size_t length = sizeof(ipv6);
  if (zmq_getsockopt(socket, ZMQ_IPV6, &ipv6, &length) != 0) return -1;  // its errno
  addrinfo hints{};
  hints.ai_family = ipv6 ? AF_UNSPEC : AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    errno = error;
    return -1;
  }
  char text[INET6_ADDRSTRLEN] = {};
  const void* raw = found->ai_family == AF_INET6
                        ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(found->ai_addr)->sin6_addr)
                        : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr);
  bool v6 = found->ai_family == AF_INET6;
  bool ok = inet_ntop(found->ai_family, raw, text, sizeof(text)) != nullptr;
  freeaddrinfo(found);
  if (!ok) {
    errno = error;
    return -1;
  }
  std::string resolved = scheme + (v6 ? "[" + std::string(text) + "]" : std::string(text)) + address.substr(colon);
  return Uninterrupted(zmq_bind, socket, resolved.c_str());
}

bool IsThreadSafe(void* socket) {
  int value = 0;
  size_t length = sizeof(value);
  return zmq_getsockopt(socket, ZMQ_THREAD_SAFE, &value, &length) == 0 && value != 0;
}

}  // namespace

/** bind/unbind off the JS thread: resolving a host name or creating an ipc file may block. */
class EndpointWorker : public Napi::AsyncWorker {
 public:
  EndpointWorker(Socket* socket, std::string address, bool bind, Napi::Promise::Deferred deferred)
      : Napi::AsyncWorker(socket->Env(), "zeromq-turbo:bind"),
        socket_(socket),
        keep_alive_(Napi::Persistent(socket->Value())),
        handle_(socket->socket_),
        address_(std::move(address)),
        bind_(bind),
        deferred_(deferred) {}

  void Execute() override {
    // The threadpool: no napi here, and nothing may be thrown (node-addon-api would turn it into
    // an error of its own, which OnOK() never sees): a failure becomes the promise's errno.
    try {
      std::lock_guard<std::mutex> lock(socket_->endpoint_mutex_);
      // The context must stop counting the name as bound before libzmq frees it (context.h).
      if (!bind_ && !IsConnection(address_)) socket_->context()->UnbindingInproc(address_, handle_);
      int rc = bind_ ? BindResolving(handle_, address_) : Uninterrupted(zmq_unbind, handle_, address_.c_str());
      if (rc != 0) error_ = zmq_errno();
    } catch (const std::system_error& error) {
      error_ = error.code().value();
    } catch (...) {
      error_ = ENOMEM;  // BindResolving's strings
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (error_ == 0) socket_->Bound(address_, bind_);
    socket_->EndpointDone();
    // worker.terminate(): the environment's teardown waits for this work and completes it with
    // JS already stopped, when settling the promise (or creating the error) can only fail. An
    // exception from here would reach node-addon-api's completion handler, whose rethrow into
    // JS fails too and ends in std::terminate(). Nobody is left to observe the promise.
    GuardCallback(env, [&] {
      try {
        if (error_ != 0) {
          deferred_.Reject(ErrnoError(env, error_, address_).Value());
        } else {
          deferred_.Resolve(env.Undefined());
        }
      } catch (const Napi::Error&) {
        // The environment is being torn down (see above).
      }
    });
  }

 private:
  Socket* socket_;
  Napi::ObjectReference keep_alive_;  // the socket may not be collected while we use it
  void* handle_;
  std::string address_;
  bool bind_;
  int error_ = 0;
  Napi::Promise::Deferred deferred_;
};

void Socket::Init(Napi::Env env, Napi::Object exports, Module& module) {
  Napi::Function constructor = DefineClass(env, "Socket",
                                           {
                                               Method<&Socket::GetOption>("getOption"),
                                               Method<&Socket::SetOption>("setOption"),
                                               Method<&Socket::Bind>("bind"),
                                               Method<&Socket::Unbind>("unbind"),
                                               Method<&Socket::BindSync>("bindSync"),
                                               Method<&Socket::UnbindSync>("unbindSync"),
                                               Method<&Socket::Connect>("connect"),
                                               Method<&Socket::Disconnect>("disconnect"),
                                               Method<&Socket::JsClose>("close"),
                                               Method<&Socket::Receive>("receive"),
                                               Method<&Socket::Send>("send"),
                                               Method<&Socket::SendBatch>("sendBatch"),
                                               Method<&Socket::SendPacked>("sendPacked"),
                                               Method<&Socket::Wait>("wait"),
                                               Method<&Socket::Join>("join"),
                                               Method<&Socket::Leave>("leave"),
                                               Method<&Socket::Monitor>("monitor"),
                                               Method<&Socket::ReadsMonitorOf>("readsMonitorOf"),
                                               Method<&Socket::KeepLoopAlive>("keepLoopAlive"),
                                           });
  module.socket_constructor = Napi::Persistent(constructor);
  exports.Set("Socket", constructor);
}

Socket::Socket(const Napi::CallbackInfo& info) : Entry(info), module_(*info.Env().GetInstanceData<Module>()) {
  Napi::Env env = info.Env();
  Guard(env, [&] {
    if (info.Length() < 3 || !info[0].IsObject() || !info[1].IsNumber() || !info[2].IsFunction()) {
      ThrowTypeError(env, "Socket(context, type, onReady) expects a Context, a number and a function");
    }
    Napi::Object contextObject = info[0].As<Napi::Object>();
    if (!contextObject.InstanceOf(module_.context_constructor.Value())) {
      ThrowTypeError(env, "Context must be an instance of Context");
    }
    context_ = Context::Unwrap(contextObject)->handle();
    type_ = info[1].As<Napi::Number>().Int32Value();
    context_->BeforeFirstSocket(env);

    socket_ = zmq_socket(context_->get(), type_);
    if (socket_ == nullptr) ThrowZmqError(env);
    // From here on every failure must release the socket before throwing: the destructor of an
    // object whose constructor threw does not run (those of its members do: poller_ closes).
    try {
      Open(info);
    } catch (...) {
      Unregister();
      poller_.Close();
#ifdef ZMQT_DRAFT_FUNCTIONS
      if (thread_safe_poller_ != nullptr) zmq_poller_destroy(&thread_safe_poller_);
#endif
      zmq_close(socket_);
      socket_ = nullptr;
      throw;
    }
  });
}

void Socket::Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (ConfigureBatches(socket_, type_) != 0) ThrowZmqError(env);
  // A SOCKET (64 bits) on Windows, an int elsewhere: zmq.h's zmq_fd_t.
  zmq_fd_t fd{};
  if (IsThreadSafe(socket_)) {
#ifdef ZMQT_DRAFT_FUNCTIONS
    // Thread-safe (draft) sockets have no ZMQ_FD; a zmq_poller holding just this socket
    // provides an equivalent descriptor.
    thread_safe_poller_ = zmq_poller_new();
    if (thread_safe_poller_ == nullptr ||
        zmq_poller_add(thread_safe_poller_, socket_, nullptr, ZMQ_POLLIN | ZMQ_POLLOUT) != 0 ||
        zmq_poller_fd(thread_safe_poller_, &fd) != 0) {
      ThrowZmqError(env);
    }
#else
    ThrowErrno(env, ENOTSUP, "Thread-safe sockets require a libzmq built with draft APIs");
#endif
  } else {
    size_t length = sizeof(fd);
    if (zmq_getsockopt(socket_, ZMQ_FD, &fd, &length) != 0) ThrowZmqError(env);
  }
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) throw Napi::Error::New(env);
  // libuv's own code (e.g. ENOSPC when the system's epoll watches are used up).
  int uv = poller_.Init(loop, fd, &Socket::OnPoll, this);
  if (uv != 0) throw UvError(env, uv);

  on_ready_ = Napi::Weak(info[2].As<Napi::Function>());
  filters_ = type_ == ZMQ_PUB || type_ == ZMQ_XPUB || type_ == ZMQ_RADIO;
  outgoing_.UsePins(module_.pins());
  async_context_ = std::make_unique<Napi::AsyncContext>(env, "zeromq-turbo:Socket", Value());
  module_.Register(this);
}

Socket::~Socket() {
  GuardQuietly([this] {
    // A lent socket is still used by the borrower's thread (only possible at environment
    // teardown, which finalizes objects whatever references they hold): stop that thread first.
    if (borrower_ != nullptr) borrower_->Close();
    Close();
  });
  // Whatever Close() skipped (a close deferred while a bind runs): the peer of an observation
  // must never reach this object once it is freed.
  Unlink();
}

void Socket::Close() {
  if (socket_ == nullptr) return;
  if (sending_ > 0) {
    // Called from JS inside a send's conversion: the send finishes first (Sending()).
    close_requested_ = true;
    Idle();
    return;
  }
  if (busy_ > 0) {
    // A bind or unbind still uses the socket on another thread; EndpointDone() closes it.
    close_requested_ = true;
    Idle();
    poller_.Stop();
    return;
  }
  // Nothing may keep the rest of the close from happening (a mutex's system_error).
  if (!closed_by_js_) GuardQuietly([this] { EndObservation(); });
  Unregister();
  wanted_ = 0;
  StrongRefs(false);
  // Stop watching the descriptor before libzmq closes it.
  poller_.Close();
  if (thread_safe_poller_ != nullptr) {
#ifdef ZMQT_DRAFT_FUNCTIONS
    zmq_poller_destroy(&thread_safe_poller_);
#endif
    thread_safe_poller_ = nullptr;
  }
  // libzmq frees an inproc name only when its reaper thread gets to the closed socket, after
  // zmq_close() returns, so a socket bound to the same name right after close() failed with
  // EADDRINUSE (105 of 500 close-then-bind rounds here; zeromq.js 249 of 500), e.g. a new
  // Authenticator after a worker that had one ended. An unbind frees the name at once.
  for (const std::string& address : inproc_bound_) {
    context_->UnbindingInproc(address, socket_);
    Uninterrupted(zmq_unbind, socket_, address.c_str());
  }
  inproc_bound_.clear();
  // libzmq closes the monitor's socket with this one.
  if (!monitor_endpoint_.empty()) context_->UnbindingInproc(monitor_endpoint_, socket_);
  monitor_endpoint_.clear();
  // A reader closed without JS whose socket's monitor did not end (that socket was closed
  // first, and libzmq is still sending the events of its end) is left to the context.
  bool deferred = reads_ != nullptr && !closed_by_js_ && !reader_ended_;
  Unlink();
  if (deferred) {
    context_->CloseReader(socket_);
  } else {
    context_->CloseSocket(socket_);
  }
  socket_ = nullptr;
  outgoing_.Clear();
  outgoing_.ForgetLast();
}

void Socket::CheckNotSending(Napi::Env env) {
  if (sending_ > 0) ThrowErrno(env, EBUSY, Text(kBusyWriting));
}

Socket::SendScope::SendScope(Socket* socket, Napi::Env env) : socket_(socket) {
  socket->CheckNotSending(env);
  socket->sending_++;
}

Socket::SendScope::~SendScope() {
  if (--socket_->sending_ > 0 || !socket_->close_requested_ || socket_->busy_ > 0) return;
  socket_->close_requested_ = false;
  GuardQuietly([this] { socket_->Close(); });
}

void Socket::Bound(const std::string& address, bool bound) {
  if (IsConnection(address)) return;
  outgoing_.StopSharing();
  auto found = std::find(inproc_bound_.begin(), inproc_bound_.end(), address);
  // Called where nothing may throw (EndpointWorker::OnOK); unrecorded, the name is only freed
  // late, as libzmq frees it.
  if (!bound) {
    if (found != inproc_bound_.end()) inproc_bound_.erase(found);
    return;
  }
  try {
    if (found == inproc_bound_.end()) inproc_bound_.push_back(address);
  } catch (const std::bad_alloc&) {
    // The context must not count the name as bound: this socket could not tell it when the
    // name is unbound.
    context_->BoundInproc(address, nullptr);
    return;
  }
  context_->BoundInproc(address, socket_);
}

void Socket::CheckUsable(Napi::Env env) {
  fresh_ = 0;
  if (socket_ == nullptr || close_requested_) ThrowErrno(env, EBADF, Text(kClosed));
  if (borrower_ != nullptr) ThrowErrno(env, EBUSY, Text(kProxied));
  if (busy_ > 0) ThrowErrno(env, EBUSY, Text(kBlocked));
}

int Socket::Events() {
  int events = 0;
  size_t length = sizeof(events);
  while (zmq_getsockopt(socket_, ZMQ_EVENTS, &events, &length) != 0) {
    if (zmq_errno() != EINTR) {
      fresh_ = 0;
      return -1;
    }
  }
  // The query processed every pending command: the descriptor is clear, and whether a message
  // can be received is known now.
  fresh_ = (events & ZMQ_POLLIN) != 0 ? 0 : ZMQ_POLLIN;
  return events;
}

// ---- options ----------------------------------------------------------------------------

std::unique_lock<std::mutex> Socket::LockForOptions(Napi::Env env) {
  // zeromq.js lets options be read and written while a bind or unbind runs. The worker holds
  // endpoint_mutex_ around zmq_bind/zmq_unbind, so here the JS thread waits for it instead of
  // racing it (libzmq sockets are not thread-safe). A socket lent to a Proxy stays off-limits.
  fresh_ = 0;
  if (socket_ == nullptr || close_requested_) ThrowErrno(env, EBADF, Text(kClosed));
  if (borrower_ != nullptr) ThrowErrno(env, EBUSY, Text(kProxied));
  std::unique_lock<std::mutex> lock(endpoint_mutex_, std::defer_lock);
  if (busy_ > 0) lock.lock();
  return lock;
}

Napi::Value Socket::GetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto lock = LockForOptions(env);
  int option = info[0].As<Napi::Number>().Int32Value();
  auto type = static_cast<OptionType>(info[1].As<Napi::Number>().Int32Value());
  switch (type) {
    case OptionType::Bool:
    case OptionType::Int32:
    case OptionType::Uint32: {
      int value = 0;
      size_t length = sizeof(value);
      if (zmq_getsockopt(socket_, option, &value, &length) != 0) ThrowZmqError(env);
      if (IsHighWaterMark(option)) {
        int given = high_water_marks_[option == ZMQ_SNDHWM ? 0 : 1];
        if (given != -1 && value == kMaxHighWaterMark) value = given;
      }
      if (type == OptionType::Bool) return Napi::Boolean::New(env, value != 0);
      if (type == OptionType::Uint32) return Napi::Number::New(env, static_cast<uint32_t>(value));
      return Napi::Number::New(env, value);
    }
    case OptionType::Int64: {
      int64_t value = 0;
      size_t length = sizeof(value);
      if (zmq_getsockopt(socket_, option, &value, &length) != 0) ThrowZmqError(env);
      return Napi::Number::New(env, static_cast<double>(value));
    }
    case OptionType::Uint64: {
      uint64_t value = 0;
      size_t length = sizeof(value);
      if (zmq_getsockopt(socket_, option, &value, &length) != 0) ThrowZmqError(env);
      return Napi::Number::New(env, static_cast<double>(value));
    }
    case OptionType::String: {
      // Large enough for any endpoint, routing id (255) or Z85 key (41).
      char value[1024];
      size_t length = sizeof(value);
      if (zmq_getsockopt(socket_, option, value, &length) != 0) ThrowZmqError(env);
      // Text options include their terminating NUL; binary ones (routing ids) do not.
      if (length > 0 && value[length - 1] == '\0') length--;
      if (length == 0) return env.Null();
      return Napi::String::New(env, value, length);
    }
  }
  ThrowTypeError(env, "Unknown option type");
}

int Socket::SetHighWaterMarkOr(int option, int value) {
  if (!IsHighWaterMark(option)) return zmq_setsockopt(socket_, option, &value, sizeof(value));
  int given = value > kMaxHighWaterMark ? kMaxHighWaterMark : value;
  int rc = zmq_setsockopt(socket_, option, &given, sizeof(given));
  if (rc == 0) (option == ZMQ_SNDHWM ? high_water_marks_[0] : high_water_marks_[1]) = given == value ? -1 : value;
  return rc;
}

void Socket::SetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto lock = LockForOptions(env);
  int option = info[0].As<Napi::Number>().Int32Value();
  auto type = static_cast<OptionType>(info[1].As<Napi::Number>().Int32Value());
  Napi::Value value = info[2];
  int rc = 0;
  // The batch sizes are checked as numbers below; libzmq would take any four bytes as one.
  if ((IsBatchSize(option) || IsHighWaterMark(option)) && type != OptionType::Int32 && type != OptionType::Uint32) {
    ThrowErrno(env, EINVAL, zmq_strerror(EINVAL));
  }
  switch (type) {
    case OptionType::Bool: {
      int flag = value.ToBoolean().Value() ? 1 : 0;
      rc = zmq_setsockopt(socket_, option, &flag, sizeof(flag));
      if (rc == 0 && option == ZMQ_CONFLATE) conflate_ = flag != 0;
      break;
    }
    case OptionType::Int32: {
      int number = value.As<Napi::Number>().Int32Value();
      if (IsBatchSize(option) && number > kMaxBatchSize) {
        rc = -1;
        errno = EINVAL;
        break;
      }
      rc = SetHighWaterMarkOr(option, number);
      break;
    }
    case OptionType::Uint32: {
      uint32_t number = value.As<Napi::Number>().Uint32Value();
      // The raw setUint32Option() too: libzmq allocates this per connection and aborts on failure.
      if (IsBatchSize(option) && number > static_cast<uint32_t>(kMaxBatchSize)) {
        rc = -1;
        errno = EINVAL;
        break;
      }
      rc = SetHighWaterMarkOr(option, static_cast<int>(number));
      break;
    }
    case OptionType::Int64: {
      int64_t number = value.As<Napi::Number>().Int64Value();
      rc = zmq_setsockopt(socket_, option, &number, sizeof(number));
      break;
    }
    case OptionType::Uint64: {
      uint64_t number = ToUint64(value);
      rc = zmq_setsockopt(socket_, option, &number, sizeof(number));
      break;
    }
    case OptionType::String: {
      if (value.IsNull() || value.IsUndefined()) {
        rc = zmq_setsockopt(socket_, option, nullptr, 0);
      } else if (value.IsBuffer()) {
        Napi::Buffer<char> buffer = value.As<Napi::Buffer<char>>();
        rc = zmq_setsockopt(socket_, option, buffer.Data(), buffer.Length());
      } else {
        std::string text = value.ToString().Utf8Value();
        rc = zmq_setsockopt(socket_, option, text.data(), text.size());
      }
      break;
    }
  }
  if (rc != 0) ThrowZmqError(env);
}

// ---- endpoints --------------------------------------------------------------------------

Napi::Value Socket::Bind(const Napi::CallbackInfo& info) {
  std::string address = AddressArg(info);
  CheckUsable(info.Env());
  CheckNotSending(info.Env());
  // Before the pipe can exist (the bind completes on the threadpool): see OutgoingMessage.
  if (!IsConnection(address)) outgoing_.StopSharing();
  auto deferred = Napi::Promise::Deferred::New(info.Env());
  auto* worker = new EndpointWorker(this, std::move(address), true, deferred);
  BeginBusy();
  worker->Queue();
  return deferred.Promise();
}

Napi::Value Socket::Unbind(const Napi::CallbackInfo& info) {
  std::string address = AddressArg(info);
  CheckUsable(info.Env());
  CheckNotSending(info.Env());
  auto deferred = Napi::Promise::Deferred::New(info.Env());
  auto* worker = new EndpointWorker(this, std::move(address), false, deferred);
  BeginBusy();
  worker->Queue();
  return deferred.Promise();
}

void Socket::BeginBusy() {
  // While another thread uses the socket the poll callback must not query it, and a readable
  // descriptor would make a level-triggered poll spin: stop watching until it is ours again.
  busy_++;
  poller_.Stop();
}

void Socket::Lend(Napi::Env env, Closable* borrower) {
  CheckUsable(env);
  CheckNotSending(env);
  borrower_ = borrower;
  BeginBusy();
}

void Socket::Release() {
  borrower_ = nullptr;
  EndpointDone();
}

void Socket::Abandon() { borrower_ = nullptr; }

void Socket::EndpointDone() {
  busy_--;
  if (busy_ > 0) return;
  if (close_requested_) {
    close_requested_ = false;
    Close();
    return;
  }
  fresh_ = 0;
  if (wanted_ != 0 || watching_) poller_.Start();
  // The socket could not be looked at while it was busy: look now.
  if (wanted_ != 0) CheckReady(0);
}

void Socket::BindSync(const Napi::CallbackInfo& info) {
  std::string address = AddressArg(info);
  CheckUsable(info.Env());
  if (BindResolving(socket_, address) != 0) ThrowZmqError(info.Env(), address);
  Bound(address, true);
}

void Socket::UnbindSync(const Napi::CallbackInfo& info) {
  std::string address = AddressArg(info);
  CheckUsable(info.Env());
  if (!IsConnection(address)) context_->UnbindingInproc(address, socket_);  // first, see context.h
  if (Uninterrupted(zmq_unbind, socket_, address.c_str()) != 0) ThrowZmqError(info.Env(), address);
  Bound(address, false);
}

void Socket::Connect(const Napi::CallbackInfo& info) {
  std::string address = AddressArg(info);
  CheckUsable(info.Env());
  if (!IsConnection(address)) outgoing_.StopSharing();
  int rc = IsConnection(address) ? Uninterrupted(zmq_connect, socket_, address.c_str())
                                 : context_->ConnectInproc(socket_, address, type_ == ZMQ_ROUTER);
  if (rc != 0) ThrowZmqError(info.Env(), address);
}

void Socket::Disconnect(const Napi::CallbackInfo& info) {
  std::string address = AddressArg(info);
  CheckUsable(info.Env());
  if (Uninterrupted(zmq_disconnect, socket_, address.c_str()) != 0) ThrowZmqError(info.Env(), address);
}

void Socket::JsClose(const Napi::CallbackInfo& info) {
  closed_by_js_ = true;
  Close();
}

// ---- messages ---------------------------------------------------------------------------

Napi::Value Socket::Receive(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckUsable(env);
  ReceiveLimits limits{info[0].As<Napi::Number>().Uint32Value(), ToSize(info[1]), !conflate_};
  bool drained = false;
  Napi::Value batch = ReceiveBatch(env, socket_, type_, limits, scratch_, drained);
  if (drained) fresh_ = ZMQ_POLLIN;
  return batch;
}

namespace {

/**
 * zmq_msg_send without blocking: 0, or the errno it failed with. On failure libzmq leaves the
 * frame to the caller, except libzmq 4.3.4's DGRAM without a peer (src/dgram.cpp), which closes
 * it and fails without setting errno, so that errno is whatever an earlier call left (and
 * zmq_send, which then closes the frame again, aborts in an errno_assert). That case is told
 * by the frame being closed already, and reported as EAGAIN: the socket is not writable, as
 * ZMQ_EVENTS says, so the send waits for it (and times out) as it does in zeromq.js. The frame
 * is always left valid (empty after a failure) for its owner to close.
 */
int SendFrame(zmq_msg_t* frame, void* socket, int flags) {
  for (;;) {
    if (zmq_msg_send(frame, socket, flags) >= 0) return 0;
    int error = zmq_errno();
    if (error == EINTR) continue;
    if (zmq_msg_close(frame) != 0) error = EAGAIN;  // closed by libzmq: dropped (see above)
    zmq_msg_init(frame);
    return error;
  }
}

#ifdef ZMQT_DRAFT_FUNCTIONS
/** Server and Radio: the routing id or the group of a message, set on its first frame (both
 *  sockets refuse multipart messages). lib/draft-sockets.ts has validated them as zeromq.js does. */
void SetAddress(Napi::Env env, OutgoingMessage& message, Napi::Value routingId, Napi::Value group) {
  if (message.size() == 0) return;
  if (routingId.IsNumber() &&
      zmq_msg_set_routing_id(message.frame(0), routingId.As<Napi::Number>().Uint32Value()) != 0) {
    ThrowZmqError(env);
  }
  napi_valuetype type = group.Type();
  if (type != napi_undefined && type != napi_null) {
    std::string name = group.IsBuffer()
                           ? std::string(group.As<Napi::Buffer<char>>().Data(), group.As<Napi::Buffer<char>>().Length())
                           : group.ToString().Utf8Value();
    // As zeromq.js: the C string, so libzmq takes it up to a NUL and at most 255 bytes.
    if (zmq_msg_set_group(message.frame(0), name.c_str()) != 0) ThrowZmqError(env);
  }
}
#endif

}  // namespace

bool Socket::SendMessage(Napi::Env env, OutgoingMessage& message) {
  size_t count = message.size();
  if (count == 0) return true;
  for (size_t i = 0; i < count; i++) {
    int flags = ZMQ_DONTWAIT | (i + 1 < count ? ZMQ_SNDMORE : 0);
    int error = SendFrame(message.frame(i), socket_, flags);
    if (error == 0) continue;
    message.Clear();
    // libzmq accepts the remaining frames of a message once it took the first: EAGAIN can
    // only happen here, before anything was queued.
    // (Unlike a receive, a send that says EAGAIN has not processed libzmq's commands, so it
    // leaves nothing "fresh" behind: see Wait().)
    if (i == 0 && error == EAGAIN) return false;
    throw ErrnoError(env, error);
  }
  message.Clear();
  return true;
}

Napi::Value Socket::Send(const Napi::CallbackInfo& info) {
  SendScope scope(this, info.Env());
  // send(message, routingId?, group?): the draft sockets' address (Server: a routing id, Radio:
  // a group) comes separately, as lib/io/socket-io.ts took it out of send()'s options.
  Napi::Env env = info.Env();
  CheckUsable(env);
  outgoing_.Clear();
  try {
    outgoing_.AppendMessage(env, info[0]);
#ifdef ZMQT_DRAFT_FUNCTIONS
    // Only Server and Radio pass more (each napi call counts on this path: docs/performance.md).
    if (info.Length() > 1) SetAddress(env, outgoing_, info[1], info[2]);
#endif
  } catch (...) {
    outgoing_.Clear();
    throw;
  }
  if (filters_) Events();
  return Napi::Boolean::New(env, SendMessage(env, outgoing_));
}

Napi::Value Socket::SendBatch(const Napi::CallbackInfo& info) {
  SendScope scope(this, info.Env());
  // sendBatch(messages, start, end, addresses?): sends messages[start..end) until libzmq says
  // EAGAIN; returns how many were sent. Each message is converted just before it is sent, so a
  // bad value fails with the earlier ones already queued (JS learns how many from the error's
  // `sent`). Server and Radio pass `addresses`, entry for entry: a Uint32Array of routing ids
  // or an Array of groups.
  Napi::Env env = info.Env();
  CheckUsable(env);
  Napi::Array messages = info[0].As<Napi::Array>();
  uint32_t start = info[1].As<Napi::Number>().Uint32Value();
  uint32_t length = std::min(messages.Length(), info[2].As<Napi::Number>().Uint32Value());
  Napi::Value addresses = info[3];
  uint32_t* routingIds = nullptr;
  size_t routingIdCount = 0;
  bool groups = addresses.IsArray();
  if (!addresses.IsUndefined() && !groups) {
    napi_typedarray_type type;
    void* data = nullptr;
    if (napi_get_typedarray_info(env, addresses, &type, &routingIdCount, &data, nullptr, nullptr) != napi_ok ||
        type != napi_uint32_array) {
      throw Napi::TypeError::New(env, "sendBatch(): addresses must be a Uint32Array or an Array");
    }
    routingIds = static_cast<uint32_t*>(data);
  }
  uint32_t sent = 0;
  if (filters_) Events();
  for (uint32_t i = start; i < length; i++) {
    outgoing_.Clear();
    try {
      outgoing_.AppendMessage(env, messages.Get(i));
#ifdef ZMQT_DRAFT_FUNCTIONS
      if (routingIds != nullptr) {
        if (i >= routingIdCount) throw Napi::RangeError::New(env, "sendBatch(): more messages than routing ids");
        SetAddress(env, outgoing_, Napi::Number::New(env, routingIds[i]), env.Undefined());
      } else if (groups) {
        SetAddress(env, outgoing_, env.Undefined(), addresses.As<Napi::Array>().Get(i));
      }
#endif
      if (!SendMessage(env, outgoing_)) break;
      sent++;
      // close() from a toString() or getter: this message went out, the rest do not.
      if (close_requested_ && i + 1 < length) ThrowErrno(env, EBADF, Text(kClosed));
    } catch (...) {
      outgoing_.Clear();
      Napi::Error error = Translate(env);
      // Whatever a toString() or getter threw stays what it was: only an object can say how
      // many were sent (and a frozen one or a Proxy may refuse even that).
      if (error.Value().IsObject()) {
        try {
          error.Set("sent", Napi::Number::New(env, sent));
        } catch (const Napi::Error&) {
        }
      }
      throw error;
    }
  }
  return Napi::Number::New(env, sent);
}

namespace {

/** `value` as a TypedArray of `type`: its data and element count; false if it is not one. */
bool TypedArrayOf(napi_env env, napi_value value, napi_typedarray_type type, void** data, size_t& length) {
  napi_typedarray_type actual;
  if (napi_get_typedarray_info(env, value, &actual, &length, data, nullptr, nullptr) != napi_ok) return false;
  return actual == type;
}

}  // namespace

Napi::Value Socket::SendPacked(const Napi::CallbackInfo& info) {
  SendScope scope(this, info.Env());
  // sendPacked(bytes, ends, count): single-frame messages that JS copied back to back into
  // `bytes`; message i ends at ends[i] (and begins where message i - 1 ended). Sends them until
  // libzmq says EAGAIN and returns how many were sent. Reading them costs two napi calls per
  // batch instead of two per message (napi_get_element is a generic property lookup).
  Napi::Env env = info.Env();
  CheckUsable(env);
  uint8_t* bytes = nullptr;
  size_t byteLength = 0;
  uint32_t* ends = nullptr;
  size_t endCount = 0;
  if (!TypedArrayOf(env, info[0], napi_uint8_array, reinterpret_cast<void**>(&bytes), byteLength) ||
      !TypedArrayOf(env, info[1], napi_uint32_array, reinterpret_cast<void**>(&ends), endCount)) {
    throw Napi::TypeError::New(env, "sendPacked() takes a Uint8Array and a Uint32Array");
  }
  uint32_t count = info[2].As<Napi::Number>().Uint32Value();
  if (count > endCount) throw Napi::RangeError::New(env, "sendPacked(): more messages than ends");
  if (filters_) Events();
  uint32_t sent = 0;
  size_t begin = 0;
  for (; sent < count; sent++) {
    size_t end = ends[sent];
    if (end < begin || end > byteLength) throw Napi::RangeError::New(env, "sendPacked(): an end out of order");
    // Not zmq_send(), which aborts the process when a DGRAM socket drops the frame (SendFrame).
    zmq_msg_t frame;
    int error = zmq_msg_init_size(&frame, end - begin) == 0 ? 0 : zmq_errno();
    if (error == 0) {
      if (end > begin) std::memcpy(zmq_msg_data(&frame), bytes + begin, end - begin);
      error = SendFrame(&frame, socket_, ZMQ_DONTWAIT);
      zmq_msg_close(&frame);  // empty once sent, or left valid by SendFrame
    }
    if (error == EAGAIN) break;
    if (error != 0) {
      Napi::Error failure = ErrnoError(env, error);
      failure.Set("sent", Napi::Number::New(env, sent));
      throw failure;
    }
    begin = end;
  }
  return Napi::Number::New(env, sent);
}

// ---- readiness --------------------------------------------------------------------------

Napi::Value Socket::Wait(const Napi::CallbackInfo& info) {
  // wait(mask): what JS now waits for (ZMQ_POLLIN | ZMQ_POLLOUT, or 0 for nothing). Returns the
  // directions that are ready right now (nothing is armed then), or 0 once the poll is armed.
  // Once started, the poll stays started for the socket's life (no epoll_ctl per wait); it only
  // keeps the event loop alive, and the socket strongly referenced, while JS waits.
  Napi::Env env = info.Env();
  int mask = info[0].As<Napi::Number>().Int32Value() & (ZMQ_POLLIN | ZMQ_POLLOUT);
  if (socket_ == nullptr || close_requested_) return Napi::Number::New(env, 0);
  if (mask == 0) {
    Idle();
    return Napi::Number::New(env, 0);
  }
  if (busy_ == 0 && (mask & ~fresh_) != 0) {
    int events = Events();
    if (events < 0) return Napi::Number::New(env, mask);  // let JS meet the error
    if (events & mask) {
      Idle();
      return Napi::Number::New(env, events & mask);
    }
  }
  wanted_ = mask;
  if (busy_ == 0) {
    if (poller_.Start() != 0) return Napi::Number::New(env, mask);
    watching_ = true;
  }
  poller_.Reference(keep_loop_alive_);
  StrongRefs(true);
  return Napi::Number::New(env, 0);
}

void Socket::KeepLoopAlive(const Napi::CallbackInfo& info) {
  // keepLoopAlive(flag): whether a pending operation keeps the event loop alive (it does by
  // default). The v5-compat layer turns it off and keeps the loop alive itself, as zeromq@5
  // did: while a socket has endpoints, or after ref(), not after unref().
  keep_loop_alive_ = info[0].ToBoolean().Value();
  if (wanted_ != 0) poller_.Reference(keep_loop_alive_);
}

void Socket::Idle() {
  wanted_ = 0;
  poller_.Reference(false);
  StrongRefs(false);
}

void Socket::OnPoll(void* self, int status) {
  auto* socket = static_cast<Socket*>(self);
  GuardCallback(socket->Env(), [&] { socket->CheckReady(status); });
}

void Socket::CheckReady(int status) {
  if (socket_ == nullptr || busy_ > 0) return;
  if (wanted_ == 0) {
    // Nobody waits, but the descriptor is readable: let libzmq process its commands, which
    // clears it (otherwise the level-triggered poll would report it again and again).
    Events();
    return;
  }
  int ready;
  if (status < 0) {
    // An error on the descriptor: wake every waiting direction so the operation meets it.
    ready = wanted_;
  } else if (wanted_ == ZMQ_POLLIN) {
    // Only receiving: let JS simply try. If nothing is there after all, the receive ends in
    // EAGAIN, which processes libzmq's commands (clearing the descriptor), and JS waits again.
    // (Not for sending: a send that ends in EAGAIN does not process commands.)
    ready = wanted_;
  } else {
    int events = Events();
    ready = events < 0 ? wanted_ : (events & wanted_);
  }
  if (ready != 0) Notify(ready);
}

void Socket::Notify(int ready) {
  wanted_ &= ~ready;
  fresh_ = 0;
  Napi::Env env = Env();
  Napi::HandleScope scope(env);
  Napi::Function callback = on_ready_.Value();
  // Drop the strong references only after taking the callback out of its reference.
  if (wanted_ == 0) Idle();
  if (callback.IsEmpty() || !module_.alive()) return;
  // Plain N-API here, not node-addon-api's MakeCallback: when it fails, that one builds an
  // Error to throw, and building one is fatal while a worker is being terminated (the loop
  // still dispatches the rest of an iteration's poll events after JS was stopped).
  napi_value argument = Napi::Number::New(env, ready);
  napi_value result;
  if (napi_make_callback(env, *async_context_, Value(), callback, 1, &argument, &result) == napi_ok) return;
  // The callback threw: nothing may propagate into libuv, so report it as Node reports an
  // uncaught exception. Without a pending exception JS could not run at all: nothing to report.
  bool pending = false;
  napi_value exception;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending &&
      napi_get_and_clear_last_exception(env, &exception) == napi_ok) {
    napi_fatal_exception(env, exception);
  }
}

void Socket::StrongRefs(bool strong) {
  if (strong == strong_) return;
  strong_ = strong;
  if (strong) {
    Ref();
    on_ready_.Ref();
  } else {
    Unref();
    on_ready_.Unref();
  }
}

// ---- events ---------------------------------------------------------------------------

void Socket::Monitor(const Napi::CallbackInfo& info) {
  // Like an option: allowed during a bind (an Observer may be created or closed then).
  Napi::Env env = info.Env();
  auto lock = LockForOptions(env);
  // libzmq binds the monitor's socket to the endpoint (an inproc name), and stops the previous
  // monitor first: the context counts the name as bound while it is (see context.h).
  if (!monitor_endpoint_.empty()) context_->UnbindingInproc(monitor_endpoint_, socket_);
  monitor_endpoint_.clear();
  // A monitor replaced or stopped sent its reader MONITOR_STOPPED: that reader is on its own.
  if (monitor_link_ != nullptr) monitor_link_->observed = nullptr;
  monitor_link_.reset();
  if (info[0].IsString()) {
    std::string endpoint = info[0].As<Napi::String>().Utf8Value();
    if (zmq_socket_monitor(socket_, endpoint.c_str(), ZMQ_EVENT_ALL) != 0) ThrowZmqError(env);
    context_->BoundInproc(endpoint, socket_);
    monitor_endpoint_ = std::move(endpoint);
    monitor_link_ = std::make_shared<MonitorLink>();
    monitor_link_->observed = this;
  } else {
    if (zmq_socket_monitor(socket_, nullptr, 0) != 0) ThrowZmqError(env);
  }
}

void Socket::ReadsMonitorOf(const Napi::CallbackInfo& info) {
  CheckUsable(info.Env());
  // napi_unwrap hands back whatever native object another class wrapped: only a Socket is one.
  if (info.Length() < 1 || !info[0].IsObject() ||
      !info[0].As<Napi::Object>().InstanceOf(module_.socket_constructor.Value())) {
    ThrowTypeError(info.Env(), "Socket must be a socket object");
  }
  Socket* observed = Socket::Unwrap(info[0].As<Napi::Object>());
  if (observed == nullptr || observed->monitor_link_ == nullptr) return;
  reads_ = observed->monitor_link_;
  reads_->reader = this;
}

bool Socket::StopMonitor() {
  if (socket_ == nullptr || borrower_ != nullptr || monitor_endpoint_.empty()) return false;
  // A bind on the threadpool holds endpoint_mutex_ around its libzmq call (see LockForOptions).
  std::unique_lock<std::mutex> lock(endpoint_mutex_, std::defer_lock);
  if (busy_ > 0) lock.lock();
  context_->UnbindingInproc(monitor_endpoint_, socket_);
  monitor_endpoint_.clear();
  if (monitor_link_ != nullptr) monitor_link_->observed = nullptr;
  monitor_link_.reset();
  return zmq_socket_monitor(socket_, nullptr, 0) == 0;
}

void Socket::DrainEvents() noexcept {
  if (socket_ == nullptr || busy_ > 0 || borrower_ != nullptr) return;
  if (DrainMonitorEvents(socket_)) reader_ended_ = true;
}

void Socket::EndObservation() {
  // This socket's own monitor, then the monitor it reads: the same steps from either side.
  for (std::shared_ptr<MonitorLink> link : {monitor_link_, reads_}) {
    if (link == nullptr || link->observed == nullptr || link->reader == nullptr) continue;
    // Both open: the reader takes what is queued, so that MONITOR_STOPPED has room (the stop
    // sends it with a blocking send, from this thread), and then that last event.
    Socket* reader = link->reader;
    reader->DrainEvents();
    if (link->observed->StopMonitor()) reader->DrainEvents();
  }
}

void Socket::Unlink() noexcept {
  if (monitor_link_ != nullptr) monitor_link_->observed = nullptr;
  monitor_link_.reset();
  if (reads_ != nullptr) reads_->reader = nullptr;
  reads_.reset();
}

// ---- draft: groups ----------------------------------------------------------------------

void Socket::Join(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckUsable(env);
#ifdef ZMQT_DRAFT_FUNCTIONS
  std::string group = info[0].IsBuffer() ? std::string(info[0].As<Napi::Buffer<char>>().Data(),
                                                       info[0].As<Napi::Buffer<char>>().Length())
                                         : info[0].ToString().Utf8Value();
  if (zmq_join(socket_, group.c_str()) != 0) ThrowZmqError(env);
#else
  ThrowErrno(env, ENOTSUP, "Groups require a libzmq built with draft APIs");
#endif
}

void Socket::Leave(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CheckUsable(env);
#ifdef ZMQT_DRAFT_FUNCTIONS
  std::string group = info[0].IsBuffer() ? std::string(info[0].As<Napi::Buffer<char>>().Data(),
                                                       info[0].As<Napi::Buffer<char>>().Length())
                                         : info[0].ToString().Utf8Value();
  if (zmq_leave(socket_, group.c_str()) != 0) ThrowZmqError(env);
#else
  ThrowErrno(env, ENOTSUP, "Groups require a libzmq built with draft APIs");
#endif
}

}  // namespace zmqt
