#include "poller.h"

namespace zmqt {

int Poller::Init(uv_loop_t* loop, zmq_fd_t fd, Callback callback, void* owner) {
  handle_ = new uv_poll_t;
  // uv_poll_init_socket: on Windows ZMQ_FD is a SOCKET, which uv_poll_init (C runtime file
  // descriptors) cannot watch; on Unix libuv makes it the same call as uv_poll_init.
  int rc = uv_poll_init_socket(loop, handle_, static_cast<uv_os_sock_t>(fd));
  if (rc != 0) {
    delete handle_;
    handle_ = nullptr;
    return rc;
  }
  handle_->data = this;
  callback_ = callback;
  owner_ = owner;
  return 0;
}

int Poller::Start() {
  if (handle_ == nullptr) return UV_EBADF;
  if (active_) return 0;
  int rc = uv_poll_start(handle_, UV_READABLE, &Poller::OnPoll);
  if (rc == 0) active_ = true;
  return rc;
}

void Poller::Stop() {
  if (handle_ == nullptr || !active_) return;
  uv_poll_stop(handle_);
  active_ = false;
}

void Poller::Close() {
  if (handle_ == nullptr) return;
  Stop();
  handle_->data = nullptr;
  uv_close(reinterpret_cast<uv_handle_t*>(handle_),
           [](uv_handle_t* handle) { delete reinterpret_cast<uv_poll_t*>(handle); });
  handle_ = nullptr;
}

void Poller::Reference(bool referenced) {
  if (handle_ == nullptr) return;
  if (referenced) {
    uv_ref(reinterpret_cast<uv_handle_t*>(handle_));
  } else {
    uv_unref(reinterpret_cast<uv_handle_t*>(handle_));
  }
}

void Poller::OnPoll(uv_poll_t* handle, int status, int /*events*/) {
  auto* self = static_cast<Poller*>(handle->data);
  if (self == nullptr || self->callback_ == nullptr) return;
  self->callback_(self->owner_, status);
}

}  // namespace zmqt
