// Numbers from JS, converted without undefined behaviour. A double cast to an integer type it
// does not fit (negative to unsigned, NaN, infinities, 2^64 and above) is undefined in C++, so
// every JS number the addon turns into an integer goes through node-addon-api's Int32Value(),
// Uint32Value() and Int64Value() (napi defines them for every double: ToInt32/ToUint32 wrap
// around, Int64Value saturates, NaN and infinities give 0), or through the functions here.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <limits>

namespace zmqt {

/**
 * A number for a uint64 option, as zeromq.js 6.8.0 converts it: negatives give 0, values of
 * 2^64 and above (Infinity included) the maximum, others are truncated toward zero. NaN gives 0
 * (zeromq.js casts it, which is undefined: x86-64 builds give 2^63, arm64 ones 0).
 */
inline uint64_t ToUint64(const Napi::Value& value) {
  double number = value.As<Napi::Number>().DoubleValue();
  if (!(number > 0)) return 0;  // also NaN
  if (number >= 18446744073709551616.0) return std::numeric_limits<uint64_t>::max();
  return static_cast<uint64_t>(number);
}

/** A byte count: negatives and NaN give 0, anything beyond SIZE_MAX gives SIZE_MAX. */
inline size_t ToSize(const Napi::Value& value) {
  double number = value.As<Napi::Number>().DoubleValue();
  if (!(number > 0)) return 0;
  // SIZE_MAX as a double rounds up to a power of two, so `>=` keeps the cast below in range.
  if (number >= static_cast<double>(std::numeric_limits<size_t>::max())) return std::numeric_limits<size_t>::max();
  return static_cast<size_t>(number);
}

}  // namespace zmqt
