#include "message.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "boundary.h"
#include "errors.h"
#include "pool.h"

namespace zmqt {

namespace {

void CheckStatus(Napi::Env env, napi_status status) {
  if (status != napi_ok) throw Napi::Error::New(env);
}

void FinalizeExternal(napi_env /*env*/, void* /*data*/, void* hint) {
  auto* msg = static_cast<zmq_msg_t*>(hint);
  zmq_msg_close(msg);
  delete msg;
}

/**
 * An external Buffer that owns `msg` (heap-allocated) from now on. V8 counts the bytes of every
 * ArrayBuffer, external ones included, as external memory when it is made and until it is
 * collected, which is what makes it collect such Buffers soon enough. Reporting them once more
 * with napi_adjust_external_memory, as this did, counted them twice: PUSH->PULL of 1 MiB frames
 * in one process spent 86-109 us per message in V8's helper threads (against 22-51 without) and
 * moved 2.1-6.8 k msg/s over inproc against 5.5-10.4 k without; with 4 MiB frames over tcp the
 * peak RSS was 329 MiB against 111 MiB without (zeromq.js 184 MiB).
 */
Napi::Value ExternalBuffer(Napi::Env env, zmq_msg_t* msg) {
  size_t size = zmq_msg_size(msg);
  napi_value buffer;
  napi_status status = napi_create_external_buffer(env, size, zmq_msg_data(msg), FinalizeExternal, msg, &buffer);
  if (status != napi_ok) {
    // Runtimes that forbid external buffers: fall back to a copy.
    Napi::Buffer<uint8_t> copy = Napi::Buffer<uint8_t>::Copy(env, static_cast<uint8_t*>(zmq_msg_data(msg)), size);
    zmq_msg_close(msg);
    delete msg;
    return copy;
  }
  return Napi::Value(env, buffer);
}

}  // namespace

Napi::Value ReceiveBatch(Napi::Env env, void* socket, int socketType, const ReceiveLimits& limits,
                         ReceiveScratch& scratch, bool& drained) {
  // One pass: each frame is received into the same zmq_msg_t (zmq_msg_recv releases what it
  // held before), copied into the scratch bytes or moved out whole if large, and described in
  // the scratch words. The Buffer for JS is made once, at the end, of exactly the right size.
  std::vector<uint32_t>& words = scratch.words;
  std::vector<uint8_t>& bytes = scratch.bytes;
  std::vector<zmq_msg_t*>& external = scratch.external;
  std::vector<std::string>& groups = scratch.groups;
  words.clear();
  bytes.clear();
  external.clear();
  groups.clear();

  // Where the message being received began, to drop it if it cannot be completed.
  size_t messageWords = 0, messageBytes = 0, messageExternal = 0, messageGroups = 0;
  uint32_t messages = 0;
  int error = 0;

  zmq_msg_t frame;
  zmq_msg_init(&frame);
  // The limits end a batch only between messages: the frames of a message come out of libzmq
  // together and must all go into the same batch.
  bool inMessage = false;
  while (inMessage || (messages < limits.messages && bytes.size() < limits.bytes)) {
    int size = zmq_msg_recv(&frame, socket, ZMQ_DONTWAIT);
    if (size < 0) {
      error = zmq_errno();
      if (error == EINTR) continue;
      break;
    }
    bool more = zmq_msg_more(&frame) != 0;
    inMessage = more;
    uint32_t flags = more ? static_cast<uint32_t>(kFrameMore) : 0u;
    uint32_t aux = 0;
#ifdef ZMQT_DRAFT_FUNCTIONS
    if (socketType == ZMQ_SERVER) aux = zmq_msg_routing_id(&frame);
    if (socketType == ZMQ_DISH) {
      flags |= kFrameGroup;
      groups.emplace_back(zmq_msg_group(&frame));
    }
#endif
    if (static_cast<size_t>(size) < kExternalThreshold) {
      const auto* data = static_cast<const uint8_t*>(zmq_msg_data(&frame));
      bytes.insert(bytes.end(), data, data + size);
    } else {
      flags |= kFrameExternal;
      auto* moved = new zmq_msg_t;
      zmq_msg_init(moved);
      zmq_msg_move(moved, &frame);
      external.push_back(moved);
    }
    words.push_back(static_cast<uint32_t>(size));
    words.push_back(flags);
    words.push_back(aux);
    if (!more) {
      messages++;
      messageWords = words.size();
      messageBytes = bytes.size();
      messageExternal = external.size();
      messageGroups = groups.size();
    }
  }
  zmq_msg_close(&frame);

  // Frames of an unfinished message (only possible after an error) are dropped.
  words.resize(messageWords);
  bytes.resize(messageBytes);
  for (size_t i = messageExternal; i < external.size(); i++) {
    zmq_msg_close(external[i]);
    delete external[i];
  }
  external.resize(messageExternal);
  groups.resize(messageGroups);

  // EAGAIN from a non-blocking receive means libzmq processed its pending commands and still
  // had nothing: the descriptor is clear, so the socket may be polled without asking again.
  drained = error == EAGAIN;
  if (messages == 0) {
    if (error == EAGAIN || error == 0) return env.Undefined();
    throw ErrnoError(env, error);
  }

  const size_t frames = words.size() / kFrameWords;
  const size_t header = sizeof(uint32_t) * (1 + words.size());
  const size_t total = header + bytes.size();
  // A small batch is a plain ArrayBuffer (JS makes the views it needs anyway): a Buffer costs a
  // Uint8Array and a prototype change on top, a third of the JS thread's own work per REQ
  // round trip (docs/performance.md). A large one stays a Buffer: V8 would zero-fill an
  // ArrayBuffer before the copy overwrites it.
  napi_value batch;
  uint8_t* data = nullptr;
  try {
    if (total <= kPlainBatchLimit) {
      void* memory = nullptr;
      CheckStatus(env, napi_create_arraybuffer(env, total, &memory, &batch));
      data = static_cast<uint8_t*>(memory);
    } else {
      Napi::Buffer<uint8_t> buffer = Napi::Buffer<uint8_t>::New(env, total);
      data = buffer.Data();
      batch = buffer;
    }
  } catch (...) {
    for (zmq_msg_t* msg : external) {
      if (msg == nullptr) continue;
      zmq_msg_close(msg);
      delete msg;
    }
    external.clear();
    throw;
  }
  auto* out = reinterpret_cast<uint32_t*>(data);
  out[0] = static_cast<uint32_t>(frames) | (drained && limits.reportDrained ? kBatchDrained : 0u);
  std::memcpy(out + 1, words.data(), sizeof(uint32_t) * words.size());
  if (!bytes.empty()) std::memcpy(data + header, bytes.data(), bytes.size());
  if (external.empty() && groups.empty()) return Napi::Value(env, batch);

  // Extras in the order the frames need them: a Dish frame's group, then its external bytes.
  Napi::Array extras = Napi::Array::New(env);
  uint32_t index = 0;
  extras.Set(index++, batch);
  size_t nextExternal = 0, nextGroup = 0;
  try {
    for (size_t i = 0; i < frames; i++) {
      uint32_t flags = words[kFrameWords * i + kFrameFlags];
      if (flags & kFrameGroup) {
        const std::string& group = groups[nextGroup++];
        // zeromq.js hands the group over as a Buffer.
        extras.Set(index++, Napi::Buffer<char>::Copy(env, group.data(), group.size()));
      }
      if (flags & kFrameExternal) {
        size_t at = nextExternal++;
        zmq_msg_t* msg = external[at];
        external[at] = nullptr;  // owned by the Buffer from here on
        extras.Set(index++, ExternalBuffer(env, msg));
      }
    }
  } catch (...) {
    for (zmq_msg_t* msg : external) {
      if (msg == nullptr) continue;
      zmq_msg_close(msg);
      delete msg;
    }
    external.clear();
    throw;
  }
  external.clear();
  return extras;
}

// ---- Pins -------------------------------------------------------------------------------

namespace {

struct PinHint {
  napi_ref ref;
  std::shared_ptr<Pins> pins;
};

}  // namespace

std::shared_ptr<Pins> Pins::Create(napi_env env) {
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) return nullptr;
  auto pins = std::make_shared<Pins>();
  pins->env_ = env;
  pins->async_ = new uv_async_t;
  if (uv_async_init(loop, pins->async_, &Pins::OnAsync) != 0) {
    delete pins->async_;
    return nullptr;
  }
  pins->async_->data = pins.get();
  // Pending releases must not keep the process alive.
  uv_unref(reinterpret_cast<uv_handle_t*>(pins->async_));
  return pins;
}

void* Pins::Pin(napi_env env, napi_value value) {
  napi_ref ref = nullptr;
  if (napi_create_reference(env, value, 1, &ref) != napi_ok) throw Napi::Error::New(env);
  try {
    return new PinHint{ref, shared_from_this()};
  } catch (...) {
    napi_delete_reference(env, ref);
    throw;
  }
}

void Pins::Release(void* /*data*/, void* hint) {
  // Any thread (libzmq's I/O threads too): nothing may be thrown. Should the queue not grow,
  // the reference is never deleted: the value stays alive, which is safe, merely a leak.
  auto* pin = static_cast<PinHint*>(hint);
  GuardQuietly([pin] {
    std::lock_guard<std::mutex> lock(pin->pins->mutex_);
    // After Shutdown() the environment is gone: its references went with it.
    if (pin->pins->open_) {
      pin->pins->queued_.push_back(pin->ref);
      uv_async_send(pin->pins->async_);
    }
  });
  delete pin;
}

void Pins::OnAsync(uv_async_t* handle) {
  auto* self = static_cast<Pins*>(handle->data);
  if (self != nullptr) GuardCallback(Napi::Env(self->env_), [self] { self->Drain(); });
}

void Pins::Drain() {
  std::vector<napi_ref> refs;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    refs.swap(queued_);
  }
  for (napi_ref ref : refs) napi_delete_reference(env_, ref);
}

void Pins::Shutdown() {
  Drain();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = false;
  }
  Drain();
  async_->data = nullptr;
  uv_close(reinterpret_cast<uv_handle_t*>(async_),
           [](uv_handle_t* handle) { delete reinterpret_cast<uv_async_t*>(handle); });
}

// ---- OutgoingMessage --------------------------------------------------------------------

zmq_msg_t* OutgoingMessage::Add(Napi::Env env, size_t size) {
  frames_.emplace_back();
  zmq_msg_t* frame = &frames_.back();
  if (size >= CopyPool::kMinSize && size <= CopyPool::kMaxSize) {
    if (!CopyPool::Get().Init(frame, size)) {
      frames_.pop_back();
      throw ErrnoError(env, ENOMEM);
    }
  } else if (zmq_msg_init_size(frame, size) != 0) {
    frames_.pop_back();
    ThrowZmqError(env);  // ENOMEM
  }
  return frame;
}

void OutgoingMessage::AppendBytes(Napi::Env env, const void* data, size_t size) {
  zmq_msg_t* frame = Add(env, size);
  if (size > 0) std::memcpy(zmq_msg_data(frame), data, size);
}

void OutgoingMessage::AppendString(Napi::Env env, napi_value string) {
  // Most strings are short: one call with a stack buffer; longer ones are measured first.
  char small[256];
  size_t length = 0;
  CheckStatus(env, napi_get_value_string_utf8(env, string, small, sizeof(small), &length));
  if (length < sizeof(small) - 1) {
    AppendBytes(env, small, length);
    return;
  }
  CheckStatus(env, napi_get_value_string_utf8(env, string, nullptr, 0, &length));
  std::vector<char> large(length + 1);
  CheckStatus(env, napi_get_value_string_utf8(env, string, large.data(), large.size(), &length));
  AppendBytes(env, large.data(), length);
}

namespace {

size_t ElementSize(napi_typedarray_type type) {
  switch (type) {
    case napi_int8_array:
    case napi_uint8_array:
    case napi_uint8_clamped_array:
      return 1;
    case napi_int16_array:
    case napi_uint16_array:
      return 2;
    case napi_int32_array:
    case napi_uint32_array:
    case napi_float32_array:
      return 4;
    default:  // float64, bigint64, biguint64
      return 8;
  }
}

}  // namespace

bool OutgoingMessage::AppendTypedArray(Napi::Env env, napi_value value) {
  // The hot path (Buffers): one napi call, no wrapper objects. For anything but a TypedArray
  // napi_get_typedarray_info fails with napi_invalid_arg (no exception is raised).
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  napi_value memory = nullptr;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, &memory, nullptr) != napi_ok) return false;
  size_t size = length * ElementSize(type);
  // Only a SharedArrayBuffer's memory is handed over: any other ArrayBuffer can be detached
  // (transfer(), postMessage) or shrunk after send() returns, and its memory freed while libzmq
  // still reads it, which a reference to the view does not prevent. napi_is_arraybuffer is
  // false for a SharedArrayBuffer.
  bool detachable = true;
  if (pins_ != nullptr && size >= kZeroCopyThreshold) CheckStatus(env, napi_is_arraybuffer(env, memory, &detachable));
  if (pins_ == nullptr || size < kZeroCopyThreshold || detachable) {
    if (size >= kShareThreshold) {
      AppendCopy(env, data, size);
    } else {
      AppendBytes(env, data, size);
    }
    return true;
  }
  void* hint = pins_->Pin(env, value);
  frames_.emplace_back();
  if (zmq_msg_init_data(&frames_.back(), data, size, &Pins::Release, hint) != 0) {
    int error = zmq_errno();  // ENOMEM
    frames_.pop_back();
    Pins::Release(nullptr, hint);
    throw ErrnoError(env, error);
  }
  return true;
}

void OutgoingMessage::AppendCopy(Napi::Env env, const void* data, size_t size) {
  // The comparison reads both (about a warm copy's time, and it stops at the first
  // difference); a repeated send that differs only at its end pays it on top of the copy.
  if (hasLast_ && data == lastSource_ && zmq_msg_size(&last_) == size &&
      std::memcmp(zmq_msg_data(&last_), data, size) == 0) {
    frames_.emplace_back();
    zmq_msg_t* frame = &frames_.back();
    zmq_msg_init(frame);
    if (zmq_msg_copy(frame, &last_) != 0) {
      frames_.pop_back();
      ThrowZmqError(env);
    }
    return;
  }
  AppendBytes(env, data, size);
  if (!sharing_) return;
  if (!hasLast_) {
    zmq_msg_init(&last_);
    hasLast_ = true;
  }
  // zmq_msg_copy releases what last_ held first; should it fail, nothing is shared.
  if (zmq_msg_copy(&last_, &frames_.back()) == 0) {
    lastSource_ = data;
  } else {
    ForgetLast();
  }
}

void OutgoingMessage::StopSharing() {
  sharing_ = false;
  ForgetLast();
}

void OutgoingMessage::ForgetLast() {
  if (!hasLast_) return;
  zmq_msg_close(&last_);
  hasLast_ = false;
  lastSource_ = nullptr;
}

void OutgoingMessage::Append(Napi::Env env, Napi::Value value) {
  napi_valuetype type;
  CheckStatus(env, napi_typeof(env, value, &type));
  switch (type) {
    case napi_string:
      AppendString(env, value);
      return;
    case napi_null:
      AppendBytes(env, nullptr, 0);
      return;
    case napi_object: {
      if (AppendTypedArray(env, value)) return;
      if (value.IsArrayBuffer()) {
        Napi::ArrayBuffer buffer = value.As<Napi::ArrayBuffer>();
        AppendBytes(env, buffer.Data(), buffer.ByteLength());
        return;
      }
      if (value.IsDataView()) {
        Napi::DataView view = value.As<Napi::DataView>();
        AppendBytes(env, static_cast<uint8_t*>(view.ArrayBuffer().Data()) + view.ByteOffset(), view.ByteLength());
        return;
      }
      // A SharedArrayBuffer has no N-API accessor of its own; a Uint8Array over it does.
      Napi::Object global = env.Global();
      Napi::Value shared = global.Get("SharedArrayBuffer");
      if (shared.IsFunction() && value.As<Napi::Object>().InstanceOf(shared.As<Napi::Function>())) {
        Napi::Function uint8 = global.Get("Uint8Array").As<Napi::Function>();
        Append(env, uint8.New({value}));
        return;
      }
      break;
    }
    default:
      break;
  }
  AppendString(env, value.ToString());
}

void OutgoingMessage::AppendMessage(Napi::Env env, Napi::Value value) {
  // A single Buffer is the common case: try it before asking whether this is an array.
  if (AppendTypedArray(env, value)) return;
  bool isArray = false;
  CheckStatus(env, napi_is_array(env, value, &isArray));
  if (!isArray) {
    Append(env, value);
    return;
  }
  Napi::Array parts = value.As<Napi::Array>();
  uint32_t length = parts.Length();
  if (length > kMaxFrames) throw ErrnoError(env, ENOMEM);
  // A sparse array claims its length without its elements: grow with what is really appended.
  frames_.reserve(std::min<uint32_t>(length, kReserveFrames));
  for (uint32_t i = 0; i < length; i++) Append(env, parts.Get(i));
}

void OutgoingMessage::Clear() {
  for (zmq_msg_t& frame : frames_) zmq_msg_close(&frame);
  frames_.clear();
}

}  // namespace zmqt
