#include "message.h"

#include <cstring>

#include "errors.h"

namespace zmqt {

namespace {

void CheckStatus(Napi::Env env, napi_status status) {
  if (status != napi_ok) throw Napi::Error::New(env);
}

void FinalizeExternal(napi_env env, void* /*data*/, void* hint) {
  auto* msg = static_cast<zmq_msg_t*>(hint);
  int64_t size = static_cast<int64_t>(zmq_msg_size(msg));
  zmq_msg_close(msg);
  delete msg;
  int64_t ignored;
  napi_adjust_external_memory(env, -size, &ignored);
}

/** An external Buffer that takes over `source` (left empty). */
Napi::Value ExternalBuffer(Napi::Env env, zmq_msg_t* source) {
  auto* msg = new zmq_msg_t;
  zmq_msg_init(msg);
  zmq_msg_move(msg, source);
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
  int64_t ignored;
  napi_adjust_external_memory(env, static_cast<int64_t>(size), &ignored);
  return Napi::Value(env, buffer);
}

}  // namespace

Napi::Value ReceiveBatch(Napi::Env env, void* socket, int socketType, const ReceiveLimits& limits,
                         std::vector<zmq_msg_t>& frames) {
  frames.clear();
  size_t complete = 0;  // frames belonging to whole messages
  uint32_t messages = 0;
  size_t copied = 0;
  int error = 0;

  while (messages < limits.messages && copied < limits.bytes) {
    frames.emplace_back();
    zmq_msg_t& frame = frames.back();
    zmq_msg_init(&frame);
    if (zmq_msg_recv(&frame, socket, ZMQ_DONTWAIT) < 0) {
      error = zmq_errno();
      zmq_msg_close(&frame);
      frames.pop_back();
      if (error == EINTR) continue;
      break;
    }
    size_t size = zmq_msg_size(&frame);
    if (size < kExternalThreshold) copied += size;
    if (!zmq_msg_more(&frame)) {
      messages++;
      complete = frames.size();
    }
  }

  // Frames of an unfinished message (only possible after an error) are dropped.
  for (size_t i = complete; i < frames.size(); i++) zmq_msg_close(&frames[i]);
  frames.resize(complete);

  if (complete == 0) {
    if (error == EAGAIN || error == 0) return env.Undefined();
    throw ErrnoError(env, error);
  }

  const size_t count = frames.size();
  const size_t header = sizeof(uint32_t) * (1 + 3 * count);
  size_t payload = 0;
  for (zmq_msg_t& frame : frames) {
    size_t size = zmq_msg_size(&frame);
    if (size < kExternalThreshold) payload += size;
  }

  Napi::Buffer<uint8_t> batch;
  try {
    batch = Napi::Buffer<uint8_t>::New(env, header + payload);
  } catch (...) {
    for (zmq_msg_t& frame : frames) zmq_msg_close(&frame);
    frames.clear();
    throw;
  }
  auto* words = reinterpret_cast<uint32_t*>(batch.Data());
  uint8_t* bytes = batch.Data() + header;
  words[0] = static_cast<uint32_t>(count);

  Napi::Array extras;
  uint32_t extraCount = 0;
  auto extra = [&](Napi::Value value) {
    if (extras.IsEmpty()) {
      extras = Napi::Array::New(env);
      extras.Set(extraCount++, batch);
    }
    extras.Set(extraCount++, value);
  };

  for (size_t i = 0; i < count; i++) {
    zmq_msg_t& frame = frames[i];
    size_t size = zmq_msg_size(&frame);
    uint32_t flags = zmq_msg_more(&frame) ? static_cast<uint32_t>(kFrameMore) : 0u;
    uint32_t aux = 0;
#ifdef ZMQT_DRAFT_FUNCTIONS
    if (socketType == ZMQ_SERVER) aux = zmq_msg_routing_id(&frame);
    if (socketType == ZMQ_DISH) {
      const char* group = zmq_msg_group(&frame);
      flags |= kFrameGroup;
      // zeromq.js hands the group over as a Buffer.
      extra(Napi::Buffer<char>::Copy(env, group, std::strlen(group)));
    }
#endif
    if (size < kExternalThreshold) {
      std::memcpy(bytes, zmq_msg_data(&frame), size);
      bytes += size;
      zmq_msg_close(&frame);
    } else {
      flags |= kFrameExternal;
      extra(ExternalBuffer(env, &frame));
      zmq_msg_close(&frame);
    }
    words[1 + 3 * i] = static_cast<uint32_t>(size);
    words[2 + 3 * i] = flags;
    words[3 + 3 * i] = aux;
  }
  frames.clear();
  if (extras.IsEmpty()) return batch;
  return extras;
}

zmq_msg_t* OutgoingMessage::Add(size_t size) {
  frames_.emplace_back();
  zmq_msg_t* frame = &frames_.back();
  if (zmq_msg_init_size(frame, size) != 0) {
    frames_.pop_back();
    throw std::bad_alloc();
  }
  return frame;
}

void OutgoingMessage::AppendBytes(const void* data, size_t size) {
  zmq_msg_t* frame = Add(size);
  if (size > 0) std::memcpy(zmq_msg_data(frame), data, size);
}

void OutgoingMessage::AppendString(Napi::Env env, napi_value string) {
  // Most strings are short: one call with a stack buffer; longer ones are measured first.
  char small[256];
  size_t length = 0;
  CheckStatus(env, napi_get_value_string_utf8(env, string, small, sizeof(small), &length));
  if (length < sizeof(small) - 1) {
    AppendBytes(small, length);
    return;
  }
  CheckStatus(env, napi_get_value_string_utf8(env, string, nullptr, 0, &length));
  std::vector<char> large(length + 1);
  CheckStatus(env, napi_get_value_string_utf8(env, string, large.data(), large.size(), &length));
  AppendBytes(large.data(), length);
}

void OutgoingMessage::Append(Napi::Env env, Napi::Value value) {
  napi_valuetype type = value.Type();
  switch (type) {
    case napi_string:
      AppendString(env, value);
      return;
    case napi_null:
    case napi_undefined:
      AppendBytes(nullptr, 0);
      return;
    case napi_object: {
      if (value.IsTypedArray()) {
        Napi::TypedArray array = value.As<Napi::TypedArray>();
        Napi::ArrayBuffer buffer = array.ArrayBuffer();
        AppendBytes(static_cast<uint8_t*>(buffer.Data()) + array.ByteOffset(), array.ByteLength());
        return;
      }
      if (value.IsArrayBuffer()) {
        Napi::ArrayBuffer buffer = value.As<Napi::ArrayBuffer>();
        AppendBytes(buffer.Data(), buffer.ByteLength());
        return;
      }
      if (value.IsDataView()) {
        Napi::DataView view = value.As<Napi::DataView>();
        AppendBytes(static_cast<uint8_t*>(view.ArrayBuffer().Data()) + view.ByteOffset(), view.ByteLength());
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
  if (value.IsArray()) {
    Napi::Array parts = value.As<Napi::Array>();
    uint32_t length = parts.Length();
    frames_.reserve(length);
    for (uint32_t i = 0; i < length; i++) Append(env, parts.Get(i));
  } else {
    Append(env, value);
  }
}

void OutgoingMessage::Clear() {
  for (zmq_msg_t& frame : frames_) zmq_msg_close(&frame);
  frames_.clear();
}

}  // namespace zmqt
