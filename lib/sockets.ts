/**
 * The socket classes of the main entry point, one per libzmq socket type. Their option
 * properties come from lib/option-table.ts (installed by lib/options.ts); what is here is only
 * what a type adds: its type number, its own methods and (defineKind) what its I/O does
 * differently.
 */
import type { Context } from "./context.js"
import { defineKind } from "./internal.js"
import type * as Props from "./options.generated.js"
import type { Options } from "./options.js"
import { zmqConstant } from "./options.js"
import { Socket, type Message, type MessageLike } from "./socket.js"

export interface Writable<
  M extends MessageLike | MessageLike[] = MessageLike | MessageLike[],
  O extends [...object[]] = [],
> {
  multicastHops: number
  sendBufferSize: number
  sendHighWaterMark: number
  sendTimeout: number
  send(message: M, ...options: O): Promise<void>
  /**
   * zeromq-turbo: queue many messages in as few native calls as possible. Each entry is what
   * send() takes: a message, or (Server, Radio) the array of send()'s arguments,
   * `[message, { routingId }]` or `[message, { group }]`, as receive() of Server and Dish
   * returns them.
   */
  sendBatch(messages: readonly (O extends [] ? M : [M, ...O])[]): Promise<void>
}

type ReceiveType<T> = T extends { receive(): Promise<infer U> } ? U : never

export interface Readable<M extends object[] = Message[]> {
  receiveBufferSize: number
  receiveHighWaterMark: number
  receiveTimeout: number
  receive(): Promise<M>
  /** zeromq-turbo: resolve with up to `max` messages as soon as at least one is ready. */
  receiveBatch(max?: number): Promise<M[]>
  [Symbol.asyncIterator](): AsyncIterator<ReceiveType<this>, undefined>
}

export type SocketOptions<S extends Socket> = Options<S, { context: Context }>

const type = (name: string): number => zmqConstant(name)

/** PAIR: exclusive pair, one peer at a time, no routing or filtering. */
export class Pair extends Socket {
  constructor(options?: SocketOptions<Pair>) {
    super(type("ZMQ_PAIR"), options)
  }
}
export interface Pair extends Props.PairProperties, Writable, Readable {}

/** PUB: fan-out to subscribers; never blocks (drops at the high water mark unless noDrop). */
export class Publisher extends Socket {
  constructor(options?: SocketOptions<Publisher>) {
    super(type("ZMQ_PUB"), options)
  }
}
export interface Publisher extends Props.PublisherProperties, Writable {}

const SUBSCRIBE = zmqConstant("ZMQ_SUBSCRIBE")
const UNSUBSCRIBE = zmqConstant("ZMQ_UNSUBSCRIBE")

/** SUB: receives what publishers send, filtered by prefix subscriptions. */
export class Subscriber extends Socket {
  constructor(options?: SocketOptions<Subscriber>) {
    super(type("ZMQ_SUB"), options)
  }

  /** Subscribes to messages starting with any of the prefixes; with none, to everything. */
  subscribe(...prefixes: Array<Buffer | string>): void {
    if (prefixes.length === 0) this.setStringOption(SUBSCRIBE, null)
    for (const prefix of prefixes) this.setStringOption(SUBSCRIBE, prefix)
  }

  /** Removes subscriptions; with no prefixes, the subscription to everything. */
  unsubscribe(...prefixes: Array<Buffer | string>): void {
    if (prefixes.length === 0) this.setStringOption(UNSUBSCRIBE, null)
    for (const prefix of prefixes) this.setStringOption(UNSUBSCRIBE, prefix)
  }
}
export interface Subscriber extends Props.SubscriberProperties, Readable {}

/** REQ: strictly alternating send() and receive(), requests round-robined over services. */
export class Request extends Socket {
  constructor(options?: SocketOptions<Request>) {
    super(type("ZMQ_REQ"), options)
  }
}
export interface Request extends Props.RequestProperties, Readable, Writable {}
// Its receive follows its own send: see SocketIo#defers.
defineKind(Request, { lockstep: true })

/** REP: strictly alternating receive() and send(), replies routed to the requester. */
export class Reply extends Socket {
  constructor(options?: SocketOptions<Reply>) {
    super(type("ZMQ_REP"), options)
  }
}
export interface Reply extends Props.ReplyProperties, Readable, Writable {}
// Its receive follows its own send: see SocketIo#defers.
defineKind(Reply, { lockstep: true })

/** DEALER: asynchronous requests, round-robin out and fair-queued in. */
export class Dealer extends Socket {
  constructor(options?: SocketOptions<Dealer>) {
    super(type("ZMQ_DEALER"), options)
  }
}
export interface Dealer extends Props.DealerProperties, Readable, Writable {}

const CONNECT_ROUTING_ID = zmqConstant("ZMQ_CONNECT_ROUTING_ID")

export interface RouterConnectOptions {
  routingId?: string
}

/** ROUTER: messages carry the peer's routing id as their first frame, in and out. */
export class Router extends Socket {
  constructor(options?: SocketOptions<Router>) {
    super(type("ZMQ_ROUTER"), options)
  }

  /** Connects, optionally naming the peer with a routing id of our choice. */
  override connect(address: string, options: RouterConnectOptions = {}): void {
    if (options.routingId) this.setStringOption(CONNECT_ROUTING_ID, options.routingId)
    super.connect(address)
  }
}
export interface Router extends Props.RouterProperties, Readable, Writable {}

/** PULL: the receiving end of a pipeline, fair-queued from pushers. */
export class Pull extends Socket {
  constructor(options?: SocketOptions<Pull>) {
    super(type("ZMQ_PULL"), options)
  }
}
export interface Pull extends Props.PullProperties, Readable {}

/** PUSH: the sending end of a pipeline, round-robined over pullers; waits at the HWM. */
export class Push extends Socket {
  constructor(options?: SocketOptions<Push>) {
    super(type("ZMQ_PUSH"), options)
  }
}
export interface Push extends Props.PushProperties, Writable {}

const XPUB_VERBOSE = zmqConstant("ZMQ_XPUB_VERBOSE")
const XPUB_VERBOSER = zmqConstant("ZMQ_XPUB_VERBOSER")

/** XPUB: a publisher that also receives the subscriptions (byte 1 or 0, then the prefix). */
export class XPublisher extends Socket {
  constructor(options?: SocketOptions<XPublisher>) {
    super(type("ZMQ_XPUB"), options)
  }

  /**
   * ZMQ_XPUB_VERBOSE / ZMQ_XPUB_VERBOSER as one property: `null` passes only unique
   * (un)subscriptions, "allSubs" every subscription, "allSubsUnsubs" every one of both.
   */
  set verbosity(value: null | "allSubs" | "allSubsUnsubs") {
    switch (value) {
      case null:
        this.setBoolOption(XPUB_VERBOSE, false)
        break
      case "allSubs":
        this.setBoolOption(XPUB_VERBOSE, true)
        break
      case "allSubsUnsubs":
        this.setBoolOption(XPUB_VERBOSER, true)
        break
    }
  }
}
export interface XPublisher extends Props.XPublisherProperties, Readable, Writable {}

/** XSUB: a subscriber that subscribes by sending subscription messages. */
export class XSubscriber extends Socket {
  constructor(options?: SocketOptions<XSubscriber>) {
    super(type("ZMQ_XSUB"), options)
  }
}
export interface XSubscriber extends Props.XSubscriberProperties, Readable, Writable {}

export interface StreamConnectOptions {
  routingId?: string
}

/** STREAM: raw TCP; every message is [routing id, data]. */
export class Stream extends Socket {
  constructor(options?: SocketOptions<Stream>) {
    super(type("ZMQ_STREAM"), options)
  }

  /** Connects, optionally naming the connection with a routing id of our choice. */
  override connect(address: string, options: StreamConnectOptions = {}): void {
    if (options.routingId) this.setStringOption(CONNECT_ROUTING_ID, options.routingId)
    super.connect(address)
  }
}
export interface Stream
  extends Props.StreamProperties, Readable<[Message, Message]>, Writable<[MessageLike, MessageLike]> {}
