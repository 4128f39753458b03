/**
 * Errors as zeromq.js makes them: an Error with `code` (the errno name) and `errno`, plus
 * `address` for endpoint operations. The messages here are zeromq.js's where it words them
 * itself; libzmq's own errors come from the addon with zmq_strerror()'s text.
 */
import { constants } from "node:os"

export interface ErrnoError extends Error {
  code: string
  errno: number
  address?: string
}

const errnos = constants.errno as Record<string, number>

export function errnoError(
  code: "EAGAIN" | "EBADF" | "EBUSY" | "EINVAL" | "ENOTSUP" | "ENOTSOCK",
  message: string,
): ErrnoError {
  const error = new Error(message) as ErrnoError
  error.errno = errnos[code]
  error.code = code
  return error
}

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
} as const

/** zeromq.js's TypeError for too many arguments. */
export function arity(received: number, expected: number): void {
  if (received > expected) {
    throw new TypeError(`Expected ${expected} argument${expected === 1 ? "" : "s"} but received ${received}`)
  }
}
