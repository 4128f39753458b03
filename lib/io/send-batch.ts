/**
 * sendBatch()'s way into the addon: runs of small one-frame messages packed into one scratch
 * allocation, everything else in native sendBatch() calls, and the addresses of Server and
 * Radio batches beside their messages.
 */
import { arity, isObject } from "../errors.js"
import type { NativeSocket } from "../native.js"
import type { SocketKind } from "../internal.js"
import { setSent } from "./operation.js"

/**
 * sendBatch() copies runs of small one-frame messages (Uint8Arrays, Buffers included) back to
 * back into one scratch allocation, so the addon reads two TypedArrays per run instead of
 * looking up every message (napi_get_element is a generic property lookup, a quarter of the JS
 * thread's time for 16 B messages). Copying stops paying above a few hundred bytes a frame;
 * larger frames, strings and multipart messages take the generic path. The scratch is reused:
 * the addon has handed every packed message to libzmq (which copies) before it returns.
 */
const PACK_FRAME_MAX = 512
const PACK_MESSAGES = 1024
const packBytes = new Uint8Array(PACK_FRAME_MAX * 64)
const packEnds = new Uint32Array(PACK_MESSAGES)

/** pack() is filling the scratch: a getter of a batch element may send another batch. */
let packing = false

/** Packs batch[start..] while its messages are small Uint8Arrays and fit; returns how many.
 *  Re-entered (from a getter of an element), it packs nothing: the inner batch takes the
 *  generic path and the outer one's bytes stay where they are. */
function pack(batch: readonly unknown[], start: number): number {
  if (packing) return 0
  packing = true
  try {
    return packRun(batch, start)
  } finally {
    packing = false
  }
}

function packRun(batch: readonly unknown[], start: number): number {
  const limit = Math.min(batch.length, start + PACK_MESSAGES)
  let end = 0
  let count = 0
  for (let i = start; i < limit; i++) {
    const message = batch[i]
    if (!(message instanceof Uint8Array)) break
    // `length` (bytes, for a Uint8Array) rather than `byteLength`: V8 inlines the first, not the
    // second (3 ns against 15 per message); and set() beats a byte loop even at 16 B.
    const size = message.length
    if (size > PACK_FRAME_MAX || end + size > packBytes.length) break
    packBytes.set(message, end)
    end += size
    packEnds[count++] = end
  }
  return count
}

/** Whether pack() would take this message. */
function packable(message: unknown): boolean {
  return message instanceof Uint8Array && message.length <= PACK_FRAME_MAX
}

/** The addresses of an addressed batch (see addressed()), found through its messages array. */
const addressesOf = new WeakMap<readonly unknown[], Uint32Array | (string | Buffer)[]>()

/**
 * Server and Radio batches: each entry is the argument list of send(), [message, options],
 * checked as send() checks them. The messages go to the addon as an array of their own, and
 * their addresses (routing ids or groups) beside it, entry for entry.
 */
export function addressed(
  kind: Required<Pick<SocketKind, "address" | "addresses">>,
  batch: readonly unknown[],
): unknown[] {
  const length = batch.length
  const messages = new Array<unknown>(length)
  const addresses = kind.addresses(length)
  for (let i = 0; i < length; i++) {
    const entry: unknown = batch[i]
    const args: readonly unknown[] = Array.isArray(entry) ? entry : [entry]
    const [message, options] = args
    if (args.length === 0 || message === undefined) throw new TypeError("Message must be present")
    if (!isObject(options)) throw new TypeError("Options must be an object")
    arity(args.length, 2)
    const checked = kind.address(options)
    messages[i] = message
    addresses[i] = (checked.routingId ?? checked.group) as number & (string | Buffer)
  }
  addressesOf.set(messages, addresses)
  return messages
}

/**
 * Sends batch[start..] until libzmq says EAGAIN, packed runs and the rest each their own way;
 * returns how many were sent. An error carries `sent`, counted from `start`.
 */
export function sendFrom(native: NativeSocket, batch: readonly unknown[], start: number): number {
  const length = batch.length
  let index = start
  try {
    const addresses = addressesOf.get(batch)
    if (addresses !== undefined) {
      // Every message with its address: nothing to pack.
      index += native.sendBatch(batch, index, length, addresses)
      return index - start
    }
    while (index < length) {
      let count = pack(batch, index)
      let sent: number
      if (count > 0) {
        sent = native.sendPacked(packBytes, packEnds, count)
      } else {
        count = 1
        while (index + count < length && !packable(batch[index + count])) count++
        sent = native.sendBatch(batch, index, index + count)
      }
      index += sent
      if (sent < count) break
    }
  } catch (error) {
    if (isObject(error)) setSent(error, index - start + ((error as { sent?: number }).sent ?? 0))
    throw error
  }
  return index - start
}
