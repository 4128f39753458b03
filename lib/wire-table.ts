/**
 * THE wire contract: everything both sides of the native boundary must agree on, once.
 *
 * `scripts/generate-options.mjs` turns this file into `native/wire.generated.h` (C++ constants
 * and texts) and `lib/wire.generated.ts` (the same numbers as TypeScript const enums, which tsc
 * inlines, so the hot paths read literals); the staleness test (test/scripts/source.test.ts)
 * fails when either is not what this file generates. Like lib/option-table.ts this file is data
 * only: it imports nothing, so the generator can evaluate it on its own.
 */

/** Option value types, in the order of their numbers (NativeType in TS, OptionType in C++). */
export const optionTypes = ["bool", "int32", "uint32", "int64", "uint64", "string"] as const
export type OptionType = (typeof optionTypes)[number]

/**
 * The receive batch (written by native/message.cc, read by lib/io/receive-batch.ts): uint32
 * words [header, then per frame the `frameWords`], then the bytes of the copied frames, back to
 * back. The header holds the frame count, and `drained` is set in it when the batch ended
 * because libzmq had no more (the receive ended in EAGAIN).
 */
export const batchHeader = {
  drained: 0x80000000,
  count: 0x7fffffff,
} as const

/** The words of each frame in a receive batch, in this order. */
export const frameWords = [
  ["size", "The frame's size in bytes."],
  ["flags", "The frame's flags (FrameFlags)."],
  ["aux", "Server: the message's routing id (0 elsewhere)."],
] as const

/** The bits of a frame's `flags` word. */
export const frameFlags = [
  ["more", 1, "Another frame of the same message follows."],
  ["external", 2, "The bytes are the next extra Buffer after the batch, not in the batch memory."],
  ["group", 4, "Dish: the message's group is the next extra Buffer, before its data."],
] as const

/**
 * Error texts that both sides raise (lib/errors.ts `messages`; native/ as `Text(kName)`). Where
 * they are zeromq.js's wording, they are part of the compatibility contract.
 */
export const messages = {
  closed: "Socket is closed",
  timeout: "Operation was not possible or timed out",
  busyReading: "Socket is busy reading; only one receive operation may be in progress at any time",
  busyWriting: "Socket is busy writing; only one send operation may be in progress at any time",
  blocked: "Socket is blocked by a bind or unbind operation",
  /* zeromq.js says "blocked by a bind or unbind operation" here too (docs/compatibility.md) */
  proxied: "Socket is used by a running proxy",
  notSocket: "Socket operation on non-socket",
  invalid: "Invalid argument",
  contextClosed: "Context is closed",
  busy: "Socket is busy",
  tooManyFiles: "Too many open file descriptors",
  noEndpoint: "No such endpoint",
  addressInUse: "Address already in use",
  addressType: "Address must be a string",
  dataType: "Data must be a string",
  proxyRunning: "Proxy is already running",
} as const

/**
 * zeromq.js's wording for these errno values, which replaces zmq_strerror()'s in every error the
 * addon makes from an errno (native/errors.cc); a key of `messages` each.
 */
export const errnoMessages = {
  EFAULT: "contextClosed",
  EAGAIN: "timeout",
  EMFILE: "tooManyFiles",
  ENOENT: "noEndpoint",
  EBUSY: "busy",
  EBADF: "closed",
  EADDRINUSE: "addressInUse",
} as const
