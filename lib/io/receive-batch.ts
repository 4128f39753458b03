/**
 * The receive batch: the one decoder of what the addon's receive() returns (the layout is
 * lib/wire-table.ts's; native/message.cc writes it). One native call returns up to a batch of
 * whole messages, their small frames copied back to back into one ArrayBuffer (a Buffer when
 * large) that is sliced here into Buffer views, and large frames (and Dish groups) as Buffers of
 * their own beside it. Only when a batch is used up is libzmq drained again, and only on demand.
 * Read-ahead is at most one batch, bounded by receiveHighWaterMark, so the HWM keeps its
 * meaning. Every socket (and so every Observer, which reads a Pair) receives through it.
 */
import { NativeType, type NativeBatch, type NativeSocket } from "../native.js"
import { zmqConstant } from "../options.js"
import type { Message } from "../socket.js"
import { Batch, Frame } from "../wire.generated.js"

/** Receive read-ahead: messages and copied bytes per native call (docs/performance.md). */
export const BATCH_MESSAGES = 1024
/**
 * 64 KiB keeps a batch's memory below glibc's mmap threshold (128 KiB), in heap pages already
 * mapped. With 1 MiB, 1,024 messages of 256 B made 268 KiB batches, and the copy into each fresh
 * one faulted its pages in: recv.mjs --size 256 from remote_thr, pinned, 2 M messages, took
 * 23-28 k page faults (78 % in that copy, perf record -e page-faults) against 7-8 k with 64 KiB,
 * 1.81-1.91 M against 2.06-2.31 M msg/s. 16 B batches (28 KiB) never reach the limit.
 */
const BATCH_BYTES = 1 << 16

const RCVHWM = zmqConstant("ZMQ_RCVHWM")

/** Where the copied bytes of a batch of `frames` frames begin. */
const firstByte = (frames: number): number => Uint32Array.BYTES_PER_ELEMENT * (1 + Batch.FrameWords * frames)

/**
 * Frames are views of the batch's memory. Node's own Buffer class behind `Buffer[Symbol.species]`
 * makes them directly (about 20 ns); subarray() would look the species up for every frame
 * (about 50 ns). Other runtimes fall back to subarray().
 */
const FastBuffer = (
  Buffer as unknown as { [Symbol.species]: new (buffer: ArrayBufferLike, offset: number, length: number) => Buffer }
)[Symbol.species]
const view: (memory: ArrayBuffer, offset: number, length: number) => Buffer =
  typeof FastBuffer === "function" && Buffer.isBuffer(new FastBuffer(new ArrayBuffer(1), 0, 1))
    ? (memory, offset, length) => new FastBuffer(memory, offset, length)
    : (memory, offset, length) => Buffer.from(memory, offset, length)

const noMemory = new ArrayBuffer(0)
const noWords = new Uint32Array(0)

/** What a socket type makes of a message's frames (see SocketKind.received). */
export type Received = (frames: Message[], routingId: number, group: Buffer | undefined) => unknown[]

/** The current receive batch of one socket, and the next message in it. */
export class ReceiveBatch {
  readonly #native: NativeSocket
  readonly #received: Received | undefined
  /** The batch's ArrayBuffer and where the batch starts in it (`buffer` is a slow getter, so
   *  it is read once per batch, not per frame). Dropped once the batch is used up. */
  #memory: ArrayBuffer = noMemory
  #base = 0
  #words: Uint32Array = noWords
  #count = 0
  #next = 0
  #offset = 0
  #extras: Buffer[] | undefined = undefined
  #extra = 0
  #limit = 0
  /**
   * The last native receive ended with libzmq saying EAGAIN: until the event loop reports
   * readiness, asking again would only cost syscalls. Part of the readiness protocol
   * (docs/architecture.md): Socket clears it whenever readiness may have changed.
   */
  drained = false

  constructor(native: NativeSocket, received: Received | undefined) {
    this.#native = native
    this.#received = received
  }

  /** Whether messages of the current batch are left (taking one needs no native call). */
  get buffered(): boolean {
    return this.#next < this.#count
  }

  /** The next whole message, draining libzmq for a new batch if needed; undefined if none. */
  take(): unknown[] | undefined {
    if (this.#next >= this.#count && (this.drained || !this.#load(this.#batchLimit()))) return undefined
    const i = this.#next
    const base = 1 + Batch.FrameWords * i
    // The common case, one copied frame, without a loop or a growing array.
    if (this.#words[base + Batch.Flags] === 0 && this.#received === undefined) {
      const start = this.#offset
      const end = start + this.#words[base + Batch.Size]
      const frame = view(this.#memory, this.#base + start, end - start)
      this.#offset = end
      if ((this.#next = i + 1) >= this.#count) this.#drop()
      return [frame]
    }
    return this.#takeFrames()
  }

  /** Up to `max` messages, draining libzmq once if the current batch is used up. */
  takeMany(max: number): unknown[][] {
    const messages: unknown[][] = []
    if (this.#next >= this.#count && (this.drained || !this.#load(max))) return messages
    while (messages.length < max && this.#next < this.#count) messages.push(this.take() as unknown[])
    return messages
  }

  /** receiveHighWaterMark changed: the read-ahead limit is read again. */
  forgetLimit(): void {
    this.#limit = 0
  }

  /** Drops the current batch (the socket was closed). */
  clear(): void {
    this.#drop()
    this.#count = this.#next = 0
  }

  /** Lets a used-up batch be collected (its frames keep what they view alive themselves). */
  #drop(): void {
    this.#memory = noMemory
    this.#extras = undefined
  }

  /** take() for multipart messages, external frames and the types with `received`. */
  #takeFrames(): unknown[] {
    const words = this.#words
    const message: Message[] = []
    let i = this.#next
    let routingId = 0
    let group: Buffer | undefined
    for (;;) {
      const base = 1 + Batch.FrameWords * i++
      const size = words[base + Batch.Size]
      const flags = words[base + Batch.Flags]
      if ((flags & Frame.Group) !== 0) group = (this.#extras as Buffer[])[this.#extra++]
      if ((flags & Frame.External) !== 0) {
        message.push((this.#extras as Buffer[])[this.#extra++])
      } else {
        const start = this.#offset
        this.#offset = start + size
        message.push(view(this.#memory, this.#base + start, size))
      }
      routingId = words[base + Batch.Aux]
      if ((flags & Frame.More) === 0) break
    }
    this.#next = i
    if (i >= this.#count) this.#drop()
    return this.#received === undefined ? message : this.#received(message, routingId, group)
  }

  /** Drains up to `limit` messages from libzmq into a new batch; false if none was ready. */
  #load(limit: number): boolean {
    const batch: NativeBatch | undefined = this.#native.receive(limit, BATCH_BYTES)
    if (batch === undefined) {
      this.drained = true
      return false
    }
    let data: ArrayBuffer | Buffer
    if (Array.isArray(batch)) {
      data = batch[0]
      this.#extras = batch as Buffer[]
      this.#extra = 1
    } else {
      data = batch
      this.#extras = undefined
    }
    // Small batches come as a plain ArrayBuffer, large ones as a Buffer (native/message.h).
    let words: Uint32Array
    if (data instanceof ArrayBuffer) {
      words = new Uint32Array(data, 0, data.byteLength >>> 2)
      this.#memory = data
      this.#base = 0
    } else {
      words = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2)
      this.#memory = data.buffer as ArrayBuffer
      this.#base = data.byteOffset
    }
    const count = words[0] & Batch.Count
    this.#words = words
    this.#count = count
    this.#next = 0
    this.#offset = firstByte(count)
    this.drained = words[0] !== count
    return true
  }

  /** Read-ahead: one batch, but never more messages than receiveHighWaterMark. */
  #batchLimit(): number {
    if (this.#limit === 0) {
      const hwm = this.#native.getOption(RCVHWM, NativeType.Int32) as number
      this.#limit = hwm > 0 ? Math.min(hwm, BATCH_MESSAGES) : BATCH_MESSAGES
    }
    return this.#limit
  }
}
