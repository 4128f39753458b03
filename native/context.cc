#include "context.h"

#include <uv.h>
#include <zmq.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#ifndef _WIN32
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "errors.h"
#include "wire.generated.h"

namespace zmqt {

namespace {

// Process-wide state, deliberately: the default context is shared by every environment, and
// contexts are terminated on threads of their own, which the process exit waits for.
// Guarded by `mutex`. Never destroyed: terminating threads may still use it while the process
// exits.
struct Contexts {
  std::mutex mutex;
  std::condition_variable terminated;
  std::shared_ptr<ContextHandle> shared;  // the default context, once created
  // Contexts being terminated -> their ZMQ_BLOCKY. A multimap, erased by iterator: once a
  // context is terminated its address may come back from zmq_ctx_new before the entry is gone.
  std::multimap<void*, bool> terminating;
};

Contexts& contexts() {
  static Contexts* instance = new Contexts();
  return *instance;
}

void TerminateNow(void* context) {
  while (zmq_ctx_term(context) != 0 && zmq_errno() == EINTR) {
  }
}

/** zmq_ctx_term on a thread of its own: it blocks until every socket's linger has passed. */
void Terminate(void* context) {
  Contexts& all = contexts();
  std::multimap<void*, bool>::iterator entry;
  {
    std::lock_guard<std::mutex> lock(all.mutex);
    entry = all.terminating.emplace(context, zmq_ctx_get(context, ZMQ_BLOCKY) > 0);
  }
  auto forget = [&all, entry] {
    std::lock_guard<std::mutex> lock(all.mutex);
    all.terminating.erase(entry);
    all.terminated.notify_all();
  };
  try {
    std::thread([context, forget] {
      TerminateNow(context);
      forget();
    }).detach();
  } catch (const std::system_error&) {
    // No thread to be had (this runs in destructors, where nothing may throw): wait here.
    TerminateNow(context);
    forget();
  }
}

/**
 * zmq_ctx_new, with ZMQ_ZERO_COPY_RECV off: a message received on a connection then has memory
 * of its own instead of pointing into the batch libzmq read it with. Sockets read in batches of
 * kBatchSize (message.h), so a message kept waiting in a queue would otherwise keep up to that
 * much alive.
 */
void* NewContext() {
  void* context = zmq_ctx_new();
#ifdef ZMQ_ZERO_COPY_RECV
  if (context != nullptr && zmq_ctx_set(context, ZMQ_ZERO_COPY_RECV, 0) != 0) {
    int error = zmq_errno();
    TerminateNow(context);  // a new context has no sockets: this does not wait
    errno = error;
    return nullptr;
  }
#endif
  return context;
}

}  // namespace

std::shared_ptr<ContextHandle> ContextHandle::Create(Napi::Env env) {
  void* context = NewContext();
  if (context == nullptr) ThrowZmqError(env);
  return std::make_shared<ContextHandle>(context, false);
}

std::shared_ptr<ContextHandle> ContextHandle::Shared(Napi::Env env) {
  Contexts& all = contexts();
  std::lock_guard<std::mutex> lock(all.mutex);
  if (all.shared == nullptr) {
    void* context = NewContext();
    if (context == nullptr) ThrowZmqError(env);
    all.shared = std::make_shared<ContextHandle>(context, true);
  }
  return all.shared;
}

ContextHandle::ContextHandle(void* context, bool shared) : context_(context), shared_(shared) {
  // libzmq's default (1023), reported as it is; libzmq gets one more slot (see Set()).
  max_sockets_ = zmq_ctx_get(context_, ZMQ_MAX_SOCKETS);
  if (max_sockets_ > 0 && max_sockets_ < INT32_MAX) zmq_ctx_set(context_, ZMQ_MAX_SOCKETS, max_sockets_ + 1);
}

ContextHandle::~ContextHandle() {
  // zmq_ctx_term waits for lingering messages; never make a JS thread wait for that. The
  // default context is terminated at process exit instead (TerminateAll).
  if (shared_ || context_ == nullptr) return;
  BeforeTerminate();
  Terminate(context_);
}

int ContextHandle::ConnectInproc(void* socket, const std::string& address, bool routing) {
  std::lock_guard<std::mutex> lock(inproc_mutex_);
  if (inproc_bound_.count(address) != 0) return Uninterrupted(zmq_connect, socket, address.c_str());
  // Remembered before the connect (a bad_alloc then throws before libzmq has anything pending),
  // forgotten if the connect fails and nothing else was pending for the name.
  auto pending = inproc_pending_.find(address);
  bool new_name = pending == inproc_pending_.end();
  if (new_name) pending = inproc_pending_.emplace(address, std::set<const void*>()).first;
  bool new_connector = routing && pending->second.insert(socket).second;
  int rc = Uninterrupted(zmq_connect, socket, address.c_str());
  if (rc != 0) {
    int error = zmq_errno();
    if (new_connector) pending->second.erase(socket);
    if (new_name) inproc_pending_.erase(pending);
    errno = error;
  }
  return rc;
}

void ContextHandle::CloseSocket(void* socket) noexcept {
  {
    std::lock_guard<std::mutex> lock(inproc_mutex_);
    CloseReadersLocked(false);
    if (PendingConnectorLocked(socket)) {
      try {
        closing_.push_back(socket);
        return;
      } catch (const std::bad_alloc&) {
        // Closed now: libzmq's read after the free becomes possible again, nothing else.
      }
    }
  }
  zmq_close(socket);
}

void ContextHandle::CloseReader(void* reader) noexcept {
  std::lock_guard<std::mutex> lock(inproc_mutex_);
  if (!DrainMonitorEvents(reader)) {
    try {
      readers_.push_back(reader);
      return;
    } catch (const std::bad_alloc&) {
      // Closed now: what libzmq still sends it may block its thread until termination.
    }
  }
  zmq_close(reader);
}

void ContextHandle::CloseReadersLocked(bool all) noexcept {
  auto kept = readers_.begin();
  for (void* reader : readers_) {
    if (DrainMonitorEvents(reader) || all) {
      zmq_close(reader);
    } else {
      *kept++ = reader;
    }
  }
  readers_.erase(kept, readers_.end());
}

bool DrainMonitorEvents(void* reader) noexcept {
  bool ended = false;
  // Bounded: a socket that keeps making events cannot keep the caller here.
  for (int frames = 0; frames < 4096; frames++) {
    zmq_msg_t frame;
    zmq_msg_init(&frame);
    int size = zmq_msg_recv(&frame, reader, ZMQ_DONTWAIT);
    if (size < 0) {
      zmq_msg_close(&frame);
      if (zmq_errno() == EINTR) continue;
      break;
    }
    // An event is two frames; the first starts with the event's number (16 bits, host order).
    uint16_t event = 0;
    if (size >= 6 && zmq_msg_more(&frame)) std::memcpy(&event, zmq_msg_data(&frame), sizeof(event));
    if (event == ZMQ_EVENT_MONITOR_STOPPED) ended = true;
    zmq_msg_close(&frame);
  }
  return ended;
}

bool ContextHandle::PendingConnectorLocked(const void* socket) const noexcept {
  for (const auto& pending : inproc_pending_) {
    if (pending.second.count(socket) != 0) return true;
  }
  return false;
}

void ContextHandle::CloseConnectedLocked() noexcept {
  auto kept = closing_.begin();
  for (void* socket : closing_) {
    if (PendingConnectorLocked(socket)) {
      *kept++ = socket;
    } else {
      zmq_close(socket);
    }
  }
  closing_.erase(kept, closing_.end());
}

void ContextHandle::BoundInproc(const std::string& address, const void* owner) noexcept {
  std::lock_guard<std::mutex> lock(inproc_mutex_);
  // The bind connected every connect that was pending for the name.
  if (inproc_pending_.erase(address) != 0) CloseConnectedLocked();
  if (owner == nullptr) return;
  try {
    inproc_bound_[address] = owner;
  } catch (const std::bad_alloc&) {
    // Unrecorded, later connects to the name are remembered as possibly pending: only memory.
  }
}

void ContextHandle::UnbindingInproc(const std::string& address, const void* owner) noexcept {
  std::lock_guard<std::mutex> lock(inproc_mutex_);
  auto found = inproc_bound_.find(address);
  if (found != inproc_bound_.end() && found->second == owner) inproc_bound_.erase(found);
}

void ContextHandle::ConnectPendingLocked() noexcept {
  if (own_ != nullptr) {
    // EADDRINUSE where the name is bound after all (nothing is pending for it then). The PULL
    // never reads what the connected sockets queued; closing it ends every connect it got, as
    // closing the PAIR sockets libzmq's termination would have bound does.
    for (const auto& pending : inproc_pending_) Uninterrupted(zmq_bind, own_, pending.first.c_str());
  }
  inproc_pending_.clear();
  CloseConnectedLocked();
  // libzmq's sends to a reader closed now end with ETERM once the context shuts down.
  CloseReadersLocked(true);
}

void ContextHandle::Shutdown() {
  std::lock_guard<std::mutex> lock(inproc_mutex_);
  // Now, not at the termination: after the shutdown the own socket's binds fail with ETERM,
  // and libzmq's termination would again need a free slot for each pending connect.
  ConnectPendingLocked();
  zmq_ctx_shutdown(context_);
}

void ContextHandle::BeforeTerminate() noexcept {
  std::lock_guard<std::mutex> lock(inproc_mutex_);
  ConnectPendingLocked();
  if (own_ != nullptr) zmq_close(own_);
  own_ = nullptr;
}

namespace {

/** Starts terminating the default context (the next Shared() makes a new one); returns with
 *  the lock held. */
std::unique_lock<std::mutex> TerminateShared(Contexts& all) {
  std::unique_lock<std::mutex> lock(all.mutex);
  std::shared_ptr<ContextHandle> shared = std::move(all.shared);
  all.shared = nullptr;
  lock.unlock();
  if (shared != nullptr) {
    shared->BeforeTerminate();
    Terminate(shared->get());
  }
  lock.lock();
  return lock;
}

}  // namespace

bool ContextHandle::TerminateAllWithin(int limit) {
  Contexts& all = contexts();
  std::unique_lock<std::mutex> lock = TerminateShared(all);
  return all.terminated.wait_for(lock, std::chrono::milliseconds(limit), [&all] { return all.terminating.empty(); });
}

void ContextHandle::TerminateAll() {
  Contexts& all = contexts();
  // Node stopped every worker before this teardown, and this environment's sockets are closed
  // and its Context objects finalized (their terminations are under way).
  std::unique_lock<std::mutex> lock = TerminateShared(all);
  auto done = [&all] { return all.terminating.empty(); };
  if (all.terminated.wait_for(lock, std::chrono::milliseconds(500), done)) return;
  // zeromq.js's warning, word for word (Node's process.emitWarning cannot run any more).
  for (const auto& [context, blocky] : all.terminating) {
    std::fprintf(stderr, "(node:%d) WARNING: Waiting for queued ZeroMQ messages to be delivered.%s\n",
                 static_cast<int>(uv_os_getpid()),
                 blocky ? " Set 'context.blocky = false' to change this behaviour." : "");
  }
  all.terminated.wait(lock, done);
}

namespace {

/** The most I/O threads a context may start: libzmq's manual suggests one per GB/s of data;
 *  each costs a thread and two descriptors, and starting them is checked thread by thread. */
constexpr int kMaxIoThreads = 1024;

#ifndef _WIN32
/** Descriptors open in this process now (Linux); -1 where that cannot be counted. */
int OpenDescriptors() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int count = 0;
  while (readdir(dir) != nullptr) count++;
  closedir(dir);
  return count - 3;  // ".", ".." and the directory's own descriptor
}

/** What libzmq's thread_t::applySchedulingParameters (src/thread.cpp) does in every thread it
 *  starts, step for step, with each of its posix_assert/errno_assert turned into an errno. */
int ApplyScheduling(int schedPolicy, int priority, const std::set<int>& affinity) {
#if defined _POSIX_THREAD_PRIORITY_SCHEDULING && _POSIX_THREAD_PRIORITY_SCHEDULING >= 0
  int policy = 0;
  sched_param param{};
  int rc = pthread_getschedparam(pthread_self(), &policy, &param);
  if (rc != 0) return rc;
  if (schedPolicy != -1) policy = schedPolicy;
  bool nice_instead = policy != SCHED_FIFO && policy != SCHED_RR;
  if (priority != -1) param.sched_priority = nice_instead ? 0 : priority;
  rc = pthread_setschedparam(pthread_self(), policy, &param);
  if (rc != 0) return rc;
  if (nice_instead && priority != -1) {
    errno = 0;
    // libzmq asserts that nice() does not return -1, which is also a valid new nice value.
    if (nice(-20) == -1) return errno != 0 ? errno : EPERM;
  }
#ifdef __linux__
  if (!affinity.empty()) {
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    for (int cpu : affinity) CPU_SET(cpu, &cpus);
    rc = pthread_setaffinity_np(pthread_self(), sizeof(cpus), &cpus);
    if (rc != 0) return rc;
  }
#endif
#endif
  return 0;
}

/** Starts `count` threads that all exist at once, each applying the scheduling settings;
 *  0, or the errno of the first failure (EAGAIN: no thread could be created). */
int ProbeThreads(int count, int schedPolicy, int priority, const std::set<int>& affinity) {
  std::mutex mutex;
  std::condition_variable released;
  bool release = false;
  int failure = 0;
  std::vector<std::thread> threads;
  auto body = [&] {
    int rc = ApplyScheduling(schedPolicy, priority, affinity);
    std::unique_lock<std::mutex> lock(mutex);
    if (rc != 0 && failure == 0) failure = rc;
    released.wait(lock, [&] { return release; });
  };
  try {
    threads.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; i++) threads.emplace_back(body);
  } catch (const std::system_error& error) {
    std::lock_guard<std::mutex> lock(mutex);
    if (failure == 0) failure = error.code().value() != 0 ? error.code().value() : EAGAIN;
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  released.notify_all();
  for (std::thread& thread : threads) thread.join();
  return failure;
}
#endif

}  // namespace

int ContextHandle::Set(int option, int value) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (zmq_ctx_set(context_, option, value) != 0) return -1;  // libzmq's own checks
  if (option == ZMQ_MAX_SOCKETS) {
    // One slot more for the context's own socket (see context.h), so that the user's sockets
    // meet libzmq's EMFILE at exactly the count they set. Refused only above libzmq's ceiling
    // (a select()-based build's FD_SETSIZE - 1): there the own socket takes one of theirs.
    max_sockets_ = value;
    if (value < INT32_MAX) zmq_ctx_set(context_, ZMQ_MAX_SOCKETS, value + 1);
  }
  if (option == ZMQ_THREAD_PRIORITY) priority_ = value;
  if (option == ZMQ_THREAD_AFFINITY_CPU_ADD) affinity_.insert(value);
  if (option == ZMQ_THREAD_AFFINITY_CPU_REMOVE) affinity_.erase(value);
  return 0;
}

void ContextHandle::BeforeFirstSocket(Napi::Env env) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (started_) return;
  int io = zmq_ctx_get(context_, ZMQ_IO_THREADS);
  int sockets = zmq_ctx_get(context_, ZMQ_MAX_SOCKETS);
  // ctx_t::start: slot_count = max_sockets + io_threads + 2, an int (a negative count then
  // reaches std::vector::reserve, whose length_error nobody catches).
  if (static_cast<int64_t>(io) + sockets + 2 > INT32_MAX) {
    ThrowErrno(env, EINVAL, "maxSockets + ioThreads is too large");
  }
  if (io > kMaxIoThreads) ThrowErrno(env, EINVAL, "ioThreads is larger than " + std::to_string(kMaxIoThreads));
#ifndef _WIN32
  rlimit files{};
  int open = OpenDescriptors();
  // Each I/O thread opens an epoll descriptor and an eventfd (libzmq asserts if it cannot),
  // the reaper the same; a margin for the first socket's own.
  if (open >= 0 && getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY &&
      static_cast<int64_t>(open) + 2 * (static_cast<int64_t>(io) + 1) + 8 > static_cast<int64_t>(files.rlim_cur)) {
    ThrowErrno(env, EMFILE, "Too many open files to start " + std::to_string(io) + " I/O threads");
  }
  // The slot table libzmq fills at start: 12 bytes a socket, written in full.
  if (files.rlim_cur != RLIM_INFINITY && static_cast<int64_t>(sockets) > 65536 &&
      static_cast<int64_t>(sockets) > static_cast<int64_t>(files.rlim_cur)) {
    ThrowErrno(env, EINVAL, "maxSockets is larger than the process's descriptor limit");
  }
  int policy = zmq_ctx_get(context_, ZMQ_THREAD_SCHED_POLICY);
  bool scheduled = policy != -1 || priority_ != -1 || !affinity_.empty();
  // The threads libzmq starts: the I/O threads and the reaper. Only worth proving when there
  // are many, or when each applies settings that may be refused.
  if (scheduled || io > 8) {
    int rc = ProbeThreads(io + 1, policy, priority_, affinity_);
    if (rc != 0) ThrowErrno(env, rc, std::string("I/O threads cannot be started: ") + zmq_strerror(rc));
  }
#endif
  // The context's own socket (see context.h), in the first slot: the one libzmq has on top of
  // maxSockets.
  own_ = zmq_socket(context_, ZMQ_PULL);
  if (own_ == nullptr) ThrowZmqError(env);
  started_ = true;
}

int ContextHandle::Get(int option) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (option == ZMQ_MAX_SOCKETS) return max_sockets_;
  return zmq_ctx_get(context_, option);
}

void Context::Init(Napi::Env env, Napi::Object exports, Module& module) {
  Napi::Function constructor = DefineClass(env, "Context",
                                           {
                                               Method<&Context::GetOption>("getOption"),
                                               Method<&Context::SetOption>("setOption"),
                                           });
  module.context_constructor = Napi::Persistent(constructor);
  exports.Set("Context", constructor);
}

Context::Context(const Napi::CallbackInfo& info) : Entry(info) {
  Guard(info.Env(), [&] {
    bool shared = info.Length() > 0 && info[0].ToBoolean().Value();
    handle_ = shared ? ContextHandle::Shared(info.Env()) : ContextHandle::Create(info.Env());
  });
}

Napi::Value Context::GetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int option = info[0].As<Napi::Number>().Int32Value();
  auto type = static_cast<OptionType>(info[1].As<Napi::Number>().Int32Value());
  int value = handle_->Get(option);
  if (value < 0) ThrowZmqError(env);
  if (type == OptionType::Bool) return Napi::Boolean::New(env, value != 0);
  return Napi::Number::New(env, value);
}

void Context::SetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int option = info[0].As<Napi::Number>().Int32Value();
  auto type = static_cast<OptionType>(info[1].As<Napi::Number>().Int32Value());
  int value = type == OptionType::Bool ? info[2].ToBoolean().Value() : info[2].As<Napi::Number>().Int32Value();
  if (handle_->Set(option, value) != 0) ThrowZmqError(env);
}

}  // namespace zmqt
