#include "pool.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace zmqt {

namespace {

constexpr unsigned ShiftOf(size_t power) { return power <= 1 ? 0 : 1 + ShiftOf(power >> 1); }

// Classes: four per power of two from kMinSize up to kMaxSize.
constexpr unsigned kMinShift = ShiftOf(CopyPool::kMinSize);
constexpr unsigned kMaxShift = ShiftOf(CopyPool::kMaxSize);
static_assert(size_t{1} << kMinShift == CopyPool::kMinSize && size_t{1} << kMaxShift == CopyPool::kMaxSize);
constexpr size_t kClasses = (kMaxShift - kMinShift) * 4 + 1;

unsigned Log2(size_t value) {
  unsigned shift = 0;
  while ((value >> (shift + 1)) != 0) shift++;
  return shift;
}

}  // namespace

CopyPool& CopyPool::Get() {
  static CopyPool* pool = new CopyPool();
  return *pool;
}

CopyPool::CopyPool() : idle_(kClasses) {}

size_t CopyPool::Capacity(size_t size) {
  unsigned shift = Log2(size);
  size_t step = size_t{1} << (shift - 2);
  return (size + step - 1) & ~(step - 1);
}

size_t CopyPool::ClassOf(size_t capacity) {
  unsigned shift = Log2(capacity);
  size_t step = size_t{1} << (shift - 2);
  return (shift - kMinShift) * 4 + (capacity - (size_t{1} << shift)) / step;
}

void* CopyPool::Take(size_t capacity) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    busyBytes_ += capacity;
    std::vector<void*>& idle = idle_[ClassOf(capacity)];
    if (!idle.empty()) {
      void* block = idle.back();
      idle.pop_back();
      idleBytes_ -= capacity;
      reused_++;
      return block;
    }
    fresh_++;
  }
  void* block = std::malloc(capacity);
  if (block == nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    busyBytes_ -= capacity;
  }
  return block;
}

void CopyPool::Put(void* block, size_t capacity) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    busyBytes_ -= capacity;
    if (idleBytes_ + capacity <= kIdleLimit) {
      std::vector<void*>& idle = idle_[ClassOf(capacity)];
      try {
        idle.push_back(block);
        idleBytes_ += capacity;
        return;
      } catch (const std::bad_alloc&) {
        // No room to remember it: freed below.
      }
    }
  }
  std::free(block);
}

void CopyPool::Release(void* data, void* hint) { Get().Put(data, reinterpret_cast<uintptr_t>(hint)); }

bool CopyPool::Init(zmq_msg_t* frame, size_t size) {
  size_t capacity = Capacity(size);
  void* block = Take(capacity);
  if (block == nullptr) return false;
  if (zmq_msg_init_data(frame, block, size, &CopyPool::Release, reinterpret_cast<void*>(capacity)) != 0) {
    Put(block, capacity);
    return false;
  }
  return true;
}

int CopyPool::InitReceived(zmq_msg_t* frame, size_t size) {
  if (size < kMinSize || size > kMaxSize) return -1;
  return Get().Init(frame, size) ? 0 : -1;
}

CopyPool::Stats CopyPool::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  return Stats{reused_, fresh_, idleBytes_, busyBytes_};
}

}  // namespace zmqt
