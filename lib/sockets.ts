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

/**
 * What a socket that sends messages has: the send options and send(), plus zeromq-turbo's
 * sendBatch(). {@link Pair}, {@link Publisher}, {@link Request}, {@link Reply}, {@link Dealer},
 * {@link Router}, {@link Push}, {@link XPublisher}, {@link XSubscriber} and {@link Stream} are
 * Writable (and of the draft sockets, Server, Client, Radio, Scatter and Datagram).
 *
 * @typeParam M What one message is: a frame, or an array of frames (a multipart message).
 * @typeParam O The extra arguments send() takes on this socket type: none, except on the draft
 * Server (`{ routingId }`) and Radio (`{ group }`).
 */
export interface Writable<
  M extends MessageLike | MessageLike[] = MessageLike | MessageLike[],
  O extends [...object[]] = [],
>
  extends Props.WritableProperties {
  /**
   * Sends one message: a single frame, or an array of frames that libzmq delivers together
   * (a multipart message). A frame is bytes (a Buffer, any TypedArray, a DataView, an
   * ArrayBuffer or SharedArrayBuffer), a string (sent as UTF-8), a number (sent as its decimal
   * text) or `null` (an empty frame). (zeromq.js 6.8.0 sends a SharedArrayBuffer as the text
   * `[object SharedArrayBuffer]` and refuses a DataView; here both are bytes.)
   *
   * ```typescript
   * await socket.send("hello")
   * await socket.send(["topic", Buffer.from([1, 2, 3])]) // two frames, one message
   * ```
   *
   * When libzmq can take the message now, it is queued at once and the promise is already
   * resolved. When it cannot (the socket is in the mute state, at its
   * {@link sendHighWaterMark}, or has no peer to send to and its type waits for one), the
   * promise stays pending until the message is queued: nothing is queued in JavaScript
   * meanwhile, so the high water mark keeps its meaning and memory stays bounded. Which socket
   * types wait and which drop is libzmq's rule (see each socket class); a socket that only
   * drops, such as a {@link Publisher}, never waits.
   *
   * Only one send() may be pending on a socket at a time: another send() (or
   * {@link sendBatch}()) while one waits rejects with an `EBUSY` error. Await each send(), or
   * send many messages at once with {@link sendBatch}(). Where dropping a message is better
   * than waiting for it, set {@link sendTimeout} to 0 and handle the `EAGAIN` rejection; where
   * messages should wait in a queue of the program's own, keep that queue in the program, which
   * knows what to do with the messages it cannot deliver.
   *
   * The promise rejects with an Error whose `code` and `errno` say why:
   * - `EAGAIN`: the {@link sendTimeout} passed, or the socket was closed while the message
   *   waited (a send that failed for another reason meanwhile rejects with that error);
   * - `EBUSY`: another send is pending, or a bind, unbind or running Proxy uses the socket;
   * - `EBADF`: the socket is closed;
   * - `EFSM`: the socket's state machine does not allow a send now ({@link Request} and
   *   {@link Reply} alternate send and receive): the send waits, and rejects with `EFSM` at the
   *   {@link sendTimeout} or when the socket is closed, as in zeromq.js;
   * - `EHOSTUNREACH`: a {@link Router} with `mandatory` set has no peer with that routing id;
   * - `ENOTSUP`: this socket type cannot send, or not multipart messages (draft sockets).
   *
   * Other values are sent as their text (`String(value)`), as zeromq.js sends them.
   *
   * Frames under 4 KiB are copied when libzmq takes them; larger ones are handed to libzmq
   * without a copy, so leave their bytes alone until the promise resolves (zeromq.js hands
   * frames over 128 B over without a copy: docs/compatibility.md).
   *
   * @param message The message: one frame, or an array of frames.
   * @param options The draft Server's `{ routingId }` or Radio's `{ group }`; no other socket
   * takes options.
   * @returns Resolves when libzmq has queued the message.
   */
  send(message: M, ...options: O): Promise<void>
  /**
   * zeromq-turbo's addition: queues many messages in as few native calls as possible and
   * resolves when all of them are queued. Each entry is what {@link send}() takes: a message
   * (a frame or an array of frames), or on the draft Server and Radio the array of send()'s
   * arguments, `[message, { routingId }]` or `[message, { group }]` (the shape receive() of a
   * Server or Dish resolves with, so a Server can answer a receiveBatch() with a sendBatch()).
   *
   * ```typescript
   * const updates = prices.map(p => `${p.symbol} ${p.value}`)
   * await publisher.sendBatch(updates)
   * ```
   *
   * Every entry is checked as send() checks its message before anything is sent (on a Server or
   * Radio, an entry without its routing id or group throws, and nothing is sent); a `messages`
   * that is not an array throws a TypeError. At the high water mark the rest waits, as a
   * send() would: nothing is dropped that send() would not drop, and nothing is buffered in
   * JavaScript. It rejects with the error send() would reject with (`EAGAIN` at the
   * {@link sendTimeout} or on close, `EBUSY` while another send is pending, ...), with a
   * `sent` property: how many of the messages were queued before it stopped.
   *
   * Leave the messages' bytes alone until the promise resolves: each one is copied (or, from
   * 4 KiB, handed over) when libzmq takes it, which at the high water mark is later than the
   * call.
   *
   * @param messages The messages, in the order they are to be sent.
   * @returns Resolves when libzmq has queued every message.
   */
  sendBatch(messages: readonly (O extends [] ? M : [M, ...O])[]): Promise<void>
}

type ReceiveType<T> = T extends { receive(): Promise<infer U> } ? U : never

/**
 * What a socket that receives messages has: the receive options, receive() and async
 * iteration, plus zeromq-turbo's receiveBatch(). {@link Pair}, {@link Subscriber},
 * {@link Request}, {@link Reply}, {@link Dealer}, {@link Router}, {@link Pull},
 * {@link XPublisher}, {@link XSubscriber} and {@link Stream} are Readable (and of the draft
 * sockets, Server, Client, Dish, Gather and Datagram).
 *
 * @typeParam M What one received message is: an array of its frames (on the draft Server and
 * Dish, the data frame and the routing id or group).
 */
export interface Readable<M extends object[] = Message[]> extends Props.ReadableProperties {
  /**
   * Receives the next message: resolves with an array of its frames, each a Buffer. When a
   * message is there already, the promise is resolved at once; otherwise it waits (without
   * blocking Node's event loop) until one arrives.
   *
   * ```typescript
   * const [request] = await reply.receive()
   * const [topic, body] = await subscriber.receive()
   * ```
   *
   * Only one receive() may be pending on a socket at a time: a second call while one waits
   * throws an `EBUSY` error (as does {@link receiveBatch}()). Async iteration
   * (`for await (const [frame] of socket)`) calls it for you.
   *
   * The promise rejects with an Error whose `code` and `errno` say why:
   * - `EAGAIN`: the {@link receiveTimeout} passed, or the socket was closed while it waited;
   * - `EBUSY`: another receive is pending, or a bind, unbind or running Proxy uses the socket;
   * - `EBADF`: the socket is closed;
   * - `EFSM`: the socket's state machine does not allow a receive now ({@link Request} and
   *   {@link Reply} alternate send and receive): the receive waits, and rejects with `EFSM` at
   *   the {@link receiveTimeout} or when the socket is closed, as in zeromq.js;
   * - `ENOTSUP`: this socket type cannot receive.
   *
   * libzmq is always asked without blocking (ZMQ_DONTWAIT) and waiting is done by the event
   * loop, so timeouts are implemented by this binding to libzmq's rules; a difference from
   * libzmq's own blocking behaviour is a bug.
   *
   * Frames under 4 KiB share one allocation per batch of received messages: each frame's bytes
   * are its own, but its `buffer` is the batch's (use `byteOffset` and `length` with it;
   * docs/compatibility.md).
   *
   * @returns Resolves with the frames of the next message.
   */
  receive(): Promise<M>
  /**
   * zeromq-turbo's addition: resolves, as soon as at least one message is there, with every
   * message that is there now, up to `max`: an array of messages, each the array of frames
   * {@link receive}() would resolve with. One call replaces up to `max` receive() calls and
   * their promises, which is most of the cost of small messages.
   *
   * ```typescript
   * for (;;) {
   *   for (const [frame] of await pull.receiveBatch()) handle(frame)
   * }
   * ```
   *
   * It waits, times out and rejects as receive() does (`EAGAIN` at the
   * {@link receiveTimeout} or on close, `EBUSY` while another receive is pending, ...); it
   * never resolves with an empty array.
   *
   * @param max The most messages to resolve with: at least 1; at most, and by default, 1024 (a
   * larger value counts as 1024). A non-positive or non-numeric value throws a TypeError.
   * @returns Resolves with one or more messages.
   */
  receiveBatch(max?: number): Promise<M[]>
  /**
   * Iterates over the messages the socket receives, each the array of frames
   * {@link receive}() resolves with. The iteration ends when the socket is closed. Leaving the
   * loop early (`break`) does not close the socket.
   *
   * ```typescript
   * for await (const [frame] of pull) {
   *   console.log(frame.toString())
   * }
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<ReceiveType<this>, undefined>
}

/**
 * The options a socket class's constructor takes, e.g. `new Dealer({ linger: 0 })`: every
 * option property of the socket that can be written, plus the `context` it belongs to
 * (default: the global {@link context}). Read-only properties are left out.
 *
 * @typeParam S The socket class the options are for.
 */
export type SocketOptions<S extends Socket> = Options<
  S,
  {
    /** The context the socket belongs to (default: the global `context`). */
    context: Context
  }
>

const type = (name: string): number => zmqConstant(name)

/**
 * A PAIR socket (ZMQ_PAIR) talks to exactly one other Pair: no routing, no filtering, both
 * directions. When the peer's queue is at the high water mark, or there is no peer yet,
 * send() waits; nothing is dropped.
 *
 * Pairs are meant for signalling between threads over `inproc://` (the Guide's mtrelay). Over
 * tcp they are a poor fit: a Pair does not reconnect, and refuses a new connection while an old
 * one (even one that is closing) exists.
 *
 * ```typescript
 * const a = new zmq.Pair()
 * await a.bind("inproc://signal")
 * const b = new zmq.Pair()
 * b.connect("inproc://signal")
 * await b.send("READY")
 * const [signal] = await a.receive()
 * ```
 */
export class Pair extends Socket {
  /**
   * Creates a Pair socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Pair>) {
    super(type("ZMQ_PAIR"), options)
  }
}
export interface Pair extends Props.PairProperties, Writable, Readable {}

/**
 * A PUB socket (ZMQ_PUB) sends every message to each connected {@link Subscriber} whose
 * subscriptions match its first frame (fan-out). It cannot receive.
 *
 * A Publisher never waits: when a subscriber's queue is at the high water mark (a slow or
 * absent subscriber) the messages for that subscriber are dropped until there is room again,
 * and send() resolves at once. With {@link noDrop} set, send() waits instead.
 *
 * ```typescript
 * const pub = new zmq.Publisher()
 * await pub.bind("tcp://127.0.0.1:5556")
 * await pub.send(["weather", "10001 21 55"])
 * ```
 */
export class Publisher extends Socket {
  /**
   * Creates a Publisher socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Publisher>) {
    super(type("ZMQ_PUB"), options)
  }
}
export interface Publisher extends Props.PublisherProperties, Writable {}

const SUBSCRIBE = zmqConstant("ZMQ_SUBSCRIBE")
const UNSUBSCRIBE = zmqConstant("ZMQ_UNSUBSCRIBE")

/**
 * A SUB socket (ZMQ_SUB) receives what the {@link Publisher}s it is connected to send, filtered
 * by its subscriptions: a new Subscriber receives nothing until {@link subscribe}() is called.
 * It cannot send.
 *
 * ```typescript
 * const sub = new zmq.Subscriber()
 * sub.connect("tcp://127.0.0.1:5556")
 * sub.subscribe("weather")
 * for await (const [topic, update] of sub) console.log(update.toString())
 * ```
 */
export class Subscriber extends Socket {
  /**
   * Creates a Subscriber socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Subscriber>) {
    super(type("ZMQ_SUB"), options)
  }

  /**
   * Subscribes to the messages whose first frame starts with any of the prefixes; with none, to
   * every message. A new Subscriber is subscribed to nothing. A message that matches several
   * subscriptions is received once. Subscriptions are sent to the publishers, which filter
   * before sending (over tcp and ipc).
   *
   * ```typescript
   * sub.subscribe("weather", "traffic") // messages starting with either
   * sub.subscribe()                      // everything
   * ```
   *
   * @param prefixes The prefixes to subscribe to (strings as UTF-8, or bytes).
   */
  subscribe(...prefixes: Array<Buffer | string>): void {
    if (prefixes.length === 0) this.setStringOption(SUBSCRIBE, null)
    for (const prefix of prefixes) this.setStringOption(SUBSCRIBE, prefix)
  }

  /**
   * Removes subscriptions made with {@link subscribe}(): one of each prefix given (a prefix
   * subscribed twice must be unsubscribed twice); with none, the subscription to everything
   * made by `subscribe()` without arguments.
   *
   * ```typescript
   * sub.unsubscribe("weather")
   * ```
   *
   * @param prefixes The prefixes to unsubscribe from.
   */
  unsubscribe(...prefixes: Array<Buffer | string>): void {
    if (prefixes.length === 0) this.setStringOption(UNSUBSCRIBE, null)
    for (const prefix of prefixes) this.setStringOption(UNSUBSCRIBE, prefix)
  }
}
export interface Subscriber extends Props.SubscriberProperties, Readable {}

/**
 * A REQ socket (ZMQ_REQ) is the client side of request-reply: it sends a request, then must
 * receive the reply before it may send again (a send() out of turn waits, and rejects with `EFSM`
 * at the sendTimeout or on close).
 * Requests are spread round-robin over the connected services ({@link Reply} or
 * {@link Router} sockets), and each reply received is the answer to the last request.
 *
 * With no service connected, send() waits until one is; nothing is dropped. A lost request
 * leaves the socket waiting for its reply: see {@link relaxed} and {@link correlate}, or the
 * Guide's "Lazy Pirate" pattern (close and reopen the socket after a timeout).
 *
 * ```typescript
 * const req = new zmq.Request()
 * req.connect("tcp://127.0.0.1:5555")
 * await req.send("Hello")
 * const [reply] = await req.receive()
 * ```
 */
export class Request extends Socket {
  /**
   * Creates a Request socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Request>) {
    super(type("ZMQ_REQ"), options)
  }
}
export interface Request extends Props.RequestProperties, Readable, Writable {}
// Its receive follows its own send: see SocketIo#defers.
defineKind(Request, { lockstep: true })

/**
 * A REP socket (ZMQ_REP) is the server side of request-reply: it receives a request, then
 * sends its reply, which goes to the client that sent the request (a send() before a receive()
 * waits, and rejects with `EFSM` at the sendTimeout or on close). Requests are fair-queued from all clients. A reply to a client that is
 * gone is dropped.
 *
 * ```typescript
 * const rep = new zmq.Reply()
 * await rep.bind("tcp://127.0.0.1:5555")
 * for await (const [request] of rep) {
 *   await rep.send(`World (for ${request})`)
 * }
 * ```
 */
export class Reply extends Socket {
  /**
   * Creates a Reply socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Reply>) {
    super(type("ZMQ_REP"), options)
  }
}
export interface Reply extends Props.ReplyProperties, Readable, Writable {}
// Its receive follows its own send: see SocketIo#defers.
defineKind(Reply, { lockstep: true })

/**
 * A DEALER socket (ZMQ_DEALER) is an asynchronous REQ: it sends and receives in any order,
 * spreading outgoing messages round-robin over its peers and fair-queueing incoming ones. It is
 * the building block of brokers and asynchronous clients and workers.
 *
 * When every peer is at the high water mark, or there is no peer, send() waits; nothing is
 * dropped. Talking to a {@link Reply} socket, a message must start with an empty delimiter
 * frame, as a Request would send it: `await dealer.send(["", "Hello"])`.
 */
export class Dealer extends Socket {
  /**
   * Creates a Dealer socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Dealer>) {
    super(type("ZMQ_DEALER"), options)
  }
}
export interface Dealer extends Props.DealerProperties, Readable, Writable {}

const CONNECT_ROUTING_ID = zmqConstant("ZMQ_CONNECT_ROUTING_ID")

/** The options of {@link Router.connect}(). */
export interface RouterConnectOptions {
  /**
   * The routing id this Router gives the peer it connects to, instead of one libzmq makes up:
   * 1 to 255 bytes, unique among its peers, not starting with a zero byte.
   */
  routingId?: string
}

/**
 * A ROUTER socket (ZMQ_ROUTER) knows its peers by routing id. A received message starts with
 * the routing id of the peer that sent it; a message sent must start with the routing id of the
 * peer it is for, which the socket removes before sending the rest.
 *
 * A message for a peer that is not (or no longer) connected is dropped, as is one for a peer
 * whose queue is at the high water mark: send() never waits. With {@link mandatory} set, the
 * first rejects with `EHOSTUNREACH` and the second waits (or rejects with `EAGAIN` at the
 * {@link sendTimeout}).
 *
 * From a {@link Request} peer a message arrives as `[routing id, empty delimiter, ...body]`,
 * and the reply must keep that shape.
 *
 * ```typescript
 * const router = new zmq.Router()
 * await router.bind("tcp://127.0.0.1:5555")
 * for await (const [id, delimiter, request] of router) {
 *   await router.send([id, delimiter, `reply to ${request}`])
 * }
 * ```
 */
export class Router extends Socket {
  /**
   * Creates a Router socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Router>) {
    super(type("ZMQ_ROUTER"), options)
  }

  /**
   * Connects to a remote endpoint as {@link Socket.connect}() does, optionally naming the peer
   * with a routing id of the caller's choice, so that messages can be sent to it by that name.
   *
   * ```typescript
   * router.connect("tcp://127.0.0.1:5555", { routingId: "backend-1" })
   * await router.send(["backend-1", "hello"])
   * ```
   *
   * @param address The endpoint to connect to.
   * @param options The routing id to give the peer.
   */
  override connect(address: string, options: RouterConnectOptions = {}): void {
    if (options.routingId) this.setStringOption(CONNECT_ROUTING_ID, options.routingId)
    super.connect(address)
  }
}
export interface Router extends Props.RouterProperties, Readable, Writable {}

/**
 * A PULL socket (ZMQ_PULL) is the receiving end of a pipeline: it fair-queues the messages of
 * every {@link Push} connected to it. It cannot send.
 *
 * ```typescript
 * const pull = new zmq.Pull()
 * await pull.bind("tcp://127.0.0.1:5558")
 * for await (const [result] of pull) console.log(result.toString())
 * ```
 */
export class Pull extends Socket {
  /**
   * Creates a Pull socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Pull>) {
    super(type("ZMQ_PULL"), options)
  }
}
export interface Pull extends Props.PullProperties, Readable {}

/**
 * A PUSH socket (ZMQ_PUSH) is the sending end of a pipeline: it spreads messages round-robin
 * over the {@link Pull} sockets it is connected to. It cannot receive.
 *
 * When every peer is at the high water mark, or there is none, send() waits until one has
 * room; nothing is dropped.
 *
 * ```typescript
 * const push = new zmq.Push()
 * push.connect("tcp://127.0.0.1:5557")
 * await push.send("task 1")
 * ```
 */
export class Push extends Socket {
  /**
   * Creates a Push socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Push>) {
    super(type("ZMQ_PUSH"), options)
  }
}
export interface Push extends Props.PushProperties, Writable {}

const XPUB_VERBOSE = zmqConstant("ZMQ_XPUB_VERBOSE")
const XPUB_VERBOSER = zmqConstant("ZMQ_XPUB_VERBOSER")

/**
 * An XPUB socket (ZMQ_XPUB) is a {@link Publisher} that also receives its subscribers'
 * subscriptions, as messages: byte 1 (subscribe) or 0 (unsubscribe) and then the prefix.
 * Other messages sent to it are received too, and change no subscription. With an
 * {@link XSubscriber} it makes a forwarding proxy (the Guide's wuproxy), and with {@link manual}
 * an application that decides what each subscriber gets.
 */
export class XPublisher extends Socket {
  /**
   * Creates a XPublisher socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<XPublisher>) {
    super(type("ZMQ_XPUB"), options)
  }

  /**
   * ZMQ_XPUB_VERBOSE and ZMQ_XPUB_VERBOSER as one write-only property: which subscription
   * messages the socket receives.
   * - `null` (the default): only the first subscription to a prefix and the last
   *   unsubscription from it;
   * - `"allSubs"`: every subscription, duplicates included, and unique unsubscriptions;
   * - `"allSubsUnsubs"`: every subscription and every unsubscription.
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

/**
 * An XSUB socket (ZMQ_XSUB) is a {@link Subscriber} that subscribes by sending messages: byte 1
 * (subscribe) or 0 (unsubscribe) and then the prefix, e.g. `await xsub.send("\x01weather")`.
 * Other messages it sends go to its publishers too, and change no subscription.
 */
export class XSubscriber extends Socket {
  /**
   * Creates a XSubscriber socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<XSubscriber>) {
    super(type("ZMQ_XSUB"), options)
  }
}
export interface XSubscriber extends Props.XSubscriberProperties, Readable, Writable {}

/** The options of {@link Stream.connect}(). */
export interface StreamConnectOptions {
  /**
   * The routing id of the new connection, instead of one libzmq makes up: 1 to 255 bytes,
   * unique among the socket's connections, not starting with a zero byte.
   */
  routingId?: string
}

/**
 * A STREAM socket (ZMQ_STREAM) speaks raw TCP with peers that are not ZeroMQ (an HTTP client,
 * a telnet session). Every message is two frames, `[routing id, data]`, in both directions: the
 * routing id names the connection.
 *
 * A new connection and a lost one each arrive as an empty data frame (unless {@link notify} is
 * false); sending an empty data frame to a routing id closes that connection. A message for an
 * unknown routing id fails with `EHOSTUNREACH`. To open a connection to a TCP server, use
 * {@link Stream.connect}().
 */
export class Stream extends Socket {
  /**
   * Creates a Stream socket in the global {@link context}, or the `context` given.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Stream>) {
    super(type("ZMQ_STREAM"), options)
  }

  /**
   * Opens a TCP connection to a server, optionally naming it with a routing id of the caller's
   * choice (else libzmq makes one up, which the first message received from it carries).
   *
   * ```typescript
   * stream.connect("tcp://127.0.0.1:8080", { routingId: "web" })
   * await stream.send(["web", "GET / HTTP/1.0\r\n\r\n"])
   * ```
   *
   * @param address The `tcp://` endpoint to connect to.
   * @param options The routing id to give the connection.
   */
  override connect(address: string, options: StreamConnectOptions = {}): void {
    if (options.routingId) this.setStringOption(CONNECT_ROUTING_ID, options.routingId)
    super.connect(address)
  }
}
export interface Stream
  extends Props.StreamProperties, Readable<[Message, Message]>, Writable<[MessageLike, MessageLike]> {}
