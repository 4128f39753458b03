// The value types of libzmq options as the TypeScript option table names them
// (lib/option-table.ts); the numbers are the contract between lib/native.ts and native/.
#pragma once

namespace zmqt {

enum class OptionType : int {
  Bool = 0,
  Int32 = 1,
  Uint32 = 2,
  Int64 = 3,
  Uint64 = 4,
  String = 5,
};

}  // namespace zmqt
