/**
 * THE option table: every context and socket option property, once.
 *
 * Each row names the property, the libzmq option by its zmq.h name (its number comes from the
 * compiled addon, never from here), the value type, the access, the classes that carry it and a
 * documentation, which becomes the doc comment of the generated property (JSDoc: `{@link}` works). `scripts/generate-options.mjs` turns this file into
 * `native/constants.generated.h` (the zmq.h names the addon exports) and
 * `lib/options.generated.ts` (the typed properties of every class); `lib/options.ts` installs the
 * accessors at run time. This file is data only: it imports nothing but a type (the value types
 * and their numbers are lib/wire-table.ts's, the contract with the addon).
 */
import type { OptionType } from "./wire-table.js"

export type { OptionType }
/** r: read-only, w: write-only (reading gives undefined), rw: both. */
export type Access = "r" | "w" | "rw"

export interface OptionRow {
  name: string
  zmq: string
  type: OptionType
  access: Access
  /** The classes whose prototype carries the property ("Socket" means every socket class). */
  on: readonly string[]
  doc: string
  /** For int32 options that are enumerations: the JS value for each number, by index. */
  values?: readonly (string | null)[]
  /** The property exists only when the addon reports this capability. */
  capability?: "curve" | "gssapi"
  /** zeromq-turbo's own: zeromq.js has no such property. */
  extension?: true
  /** libzmq applies it at once even on a bound or connected socket, so setting it then draws
   *  no warning (zeromq.js's list). */
  immediate?: true
}

/** The classes that send: their send options are the Writable interface's (lib/sockets.ts). */
export const writables = [
  "Pair",
  "Publisher",
  "Request",
  "Reply",
  "Dealer",
  "Router",
  "Push",
  "XPublisher",
  "XSubscriber",
  "Stream",
  "Server",
  "Client",
  "Radio",
  "Scatter",
  "Datagram",
] as const
/** The classes that receive: their receive options are the Readable interface's. */
export const readables = [
  "Pair",
  "Subscriber",
  "Request",
  "Reply",
  "Dealer",
  "Router",
  "Pull",
  "XPublisher",
  "XSubscriber",
  "Stream",
  "Server",
  "Client",
  "Dish",
  "Gather",
  "Datagram",
] as const
const conflatables = ["Pull", "Push", "Subscriber", "Publisher", "Dealer", "Scatter", "Gather"] as const
const principalNameTypes = ["hostBased", "userName", "krb5Principal"] as const

export const contextOptions: readonly OptionRow[] = [
  {
    name: "ioThreads",
    zmq: "ZMQ_IO_THREADS",
    type: "int32",
    access: "rw",
    on: ["Context"],
    doc:
      "The number of libzmq I/O threads that move the bytes of the context's connections (default 1). A " +
      "context used only for `inproc://` needs none (0); one thread serves about a gigabyte per second. " +
      "Set it before the first socket of the context is created.",
  },
  {
    name: "maxSockets",
    zmq: "ZMQ_MAX_SOCKETS",
    type: "int32",
    access: "rw",
    on: ["Context"],
    doc:
      "The largest number of sockets the context allows at once (default 1023). Creating one more fails " +
      "with `EMFILE`.",
  },
  {
    name: "maxSocketsLimit",
    zmq: "ZMQ_SOCKET_LIMIT",
    type: "int32",
    access: "r",
    on: ["Context"],
    doc: "The largest value {@link maxSockets} accepts on this platform.",
  },
  {
    name: "threadPriority",
    zmq: "ZMQ_THREAD_PRIORITY",
    type: "int32",
    access: "w",
    on: ["Context"],
    doc:
      "The scheduling priority of the context's I/O threads, as the operating system's scheduler takes " +
      "it (see sched_setscheduler(2)); not on Windows. Applies only when set before the context's first " +
      "socket.",
  },
  {
    name: "threadSchedulingPolicy",
    zmq: "ZMQ_THREAD_SCHED_POLICY",
    type: "int32",
    access: "w",
    on: ["Context"],
    doc:
      "The scheduling policy of the context's I/O threads (`SCHED_OTHER`, `SCHED_FIFO`, ... as numbers; " +
      "see sched_setscheduler(2)); not on Windows. Applies only when set before the context's first " +
      "socket.",
  },
  {
    name: "maxMessageSize",
    zmq: "ZMQ_MAX_MSGSZ",
    type: "int32",
    access: "rw",
    on: ["Context"],
    doc: "The largest message, in bytes, that sockets of this context accept (default: the largest int32).",
  },
  {
    name: "ipv6",
    zmq: "ZMQ_IPV6",
    type: "bool",
    access: "rw",
    on: ["Context"],
    doc: "Whether new sockets of the context use IPv6 as well as IPv4 (the default of their `ipv6` option).",
  },
  {
    name: "blocky",
    zmq: "ZMQ_BLOCKY",
    type: "bool",
    access: "rw",
    on: ["Context"],
    doc:
      "Whether the context, when it ends (at process exit at the latest), waits for its sockets' unsent " +
      "messages: with the default, true, it waits as each socket's `linger` says, which is " +
      "forever unless set. Set to false, every new socket of the context gets a linger of 0, the easy " +
      "way to make sure a process can always exit; sockets must still be closed.",
  },
]

export const socketOptions: readonly OptionRow[] = [
  {
    name: "sendBufferSize",
    zmq: "ZMQ_SNDBUF",
    type: "int32",
    access: "rw",
    on: writables,
    doc:
      "The size in bytes of the kernel's send buffer (SO_SNDBUF) of this socket's connections. -1 (the " +
      "default) leaves the operating system's default in place.",
  },
  {
    name: "sendHighWaterMark",
    zmq: "ZMQ_SNDHWM",
    type: "int32",
    access: "rw",
    on: writables,
    doc:
      "The high water mark for outgoing messages: the most messages libzmq queues in memory for any one " +
      "peer of this socket (default 1000; 0: no limit). A socket that reaches it for a peer is in the " +
      "mute state: depending on its type it then waits (send() stays pending: Push, Dealer, Pair, " +
      "Request, Client, Scatter) or drops the message for that peer (Publisher, XPublisher, Radio, and " +
      "Router unless `mandatory`). libzmq applies a change to existing connections too, and may " +
      "queue somewhat more than the mark says.",
    immediate: true,
  },
  {
    name: "sendTimeout",
    zmq: "ZMQ_SNDTIMEO",
    type: "int32",
    access: "rw",
    on: writables,
    doc:
      "How long in milliseconds send() and sendBatch() may wait for the socket to accept a message " +
      "before rejecting with an `EAGAIN` error. -1 (the default) waits as long as it takes; 0 rejects " +
      "at once when the message cannot be queued now.",
    immediate: true,
  },
  {
    name: "multicastHops",
    zmq: "ZMQ_MULTICAST_HOPS",
    type: "int32",
    access: "rw",
    on: writables,
    doc:
      "The time-to-live of the multicast packets this socket sends (pgm, epgm and the draft udp " +
      "transport). The default, 1, keeps them on the local network.",
  },
  {
    name: "receiveBufferSize",
    zmq: "ZMQ_RCVBUF",
    type: "int32",
    access: "rw",
    on: readables,
    doc:
      "The size in bytes of the kernel's receive buffer (SO_RCVBUF) of this socket's connections. -1 " +
      "(the default) leaves the operating system's default in place.",
  },
  {
    name: "receiveHighWaterMark",
    zmq: "ZMQ_RCVHWM",
    type: "int32",
    access: "rw",
    on: readables,
    doc:
      "The high water mark for incoming messages: the most messages libzmq queues in memory from any " +
      "one peer of this socket (default 1000; 0: no limit). When it is reached libzmq stops reading " +
      "from that peer, whose sends then wait or drop, by its type. zeromq-turbo reads ahead into " +
      "JavaScript at most one batch of messages, no more than this value, so it keeps its meaning.",
    immediate: true,
  },
  {
    name: "receiveTimeout",
    zmq: "ZMQ_RCVTIMEO",
    type: "int32",
    access: "rw",
    on: readables,
    doc:
      "How long in milliseconds receive() and receiveBatch() may wait for a message before rejecting " +
      "with an `EAGAIN` error. -1 (the default) waits as long as it takes; 0 rejects at once when no " +
      "message is there.",
    immediate: true,
  },
  {
    name: "affinity",
    zmq: "ZMQ_AFFINITY",
    type: "uint64",
    access: "rw",
    on: ["Socket"],
    doc:
      "A bit mask of the context's I/O threads that may serve connections made from now on (bit 0: the " +
      "first thread; 0, the default: any). Values above Number.MAX_SAFE_INTEGER cannot be represented " +
      "exactly, so masks beyond 53 threads are unreliable.",
  },
  {
    name: "routingId",
    zmq: "ZMQ_ROUTING_ID",
    type: "string",
    access: "rw",
    on: ["Request", "Reply", "Router", "Dealer"],
    doc:
      "The routing id (identity) this socket presents to the Router sockets it connects to, instead of " +
      "one the Router makes up: 1 to 255 bytes, not starting with a zero byte, unique among the " +
      "Router's peers. Set it before connecting.",
  },
  {
    name: "rate",
    zmq: "ZMQ_RATE",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc: "The most data a multicast transport (pgm, epgm) sends, in kilobits per second (default 100).",
  },
  {
    name: "recoveryInterval",
    zmq: "ZMQ_RECOVERY_IVL",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds a multicast receiver may be away before data it missed cannot be " +
      "recovered (default 10000).",
  },
  {
    name: "type",
    zmq: "ZMQ_TYPE",
    type: "int32",
    access: "r",
    on: ["Socket"],
    doc:
      "The libzmq socket type number (ZMQ_PAIR, ZMQ_PUB, ...). `socket instanceof zmq.Dealer` says the " +
      "same more readably.",
  },
  {
    name: "linger",
    zmq: "ZMQ_LINGER",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds messages that are still queued when the socket is closed are kept to be " +
      "sent: -1 (the default) until they are sent, 0 not at all. A context waits for its sockets' " +
      "lingering messages before it ends, so a linger of -1 can keep a process from exiting while a " +
      "peer is unreachable (see `Context.blocky`).",
    immediate: true,
  },
  {
    name: "reconnectInterval",
    zmq: "ZMQ_RECONNECT_IVL",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds libzmq waits before reconnecting a connection that was lost or refused " +
      "(default 100; -1: never reconnect). With {@link reconnectMaxInterval} the wait doubles at each " +
      "attempt.",
  },
  {
    name: "backlog",
    zmq: "ZMQ_BACKLOG",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "The most connections that may wait to be accepted on this socket's tcp and ipc listeners (the " +
      "listen(2) backlog, default 100).",
  },
  {
    name: "reconnectMaxInterval",
    zmq: "ZMQ_RECONNECT_IVL_MAX",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "The longest wait in milliseconds between reconnection attempts: each attempt doubles the wait, " +
      "from {@link reconnectInterval}, until this (exponential back-off). 0 (the default) keeps the " +
      "wait at reconnectInterval.",
  },
  {
    name: "maxMessageSize",
    zmq: "ZMQ_MAXMSGSIZE",
    type: "int64",
    access: "rw",
    on: ["Socket"],
    doc:
      "The largest inbound message in bytes: a peer that sends a larger one is disconnected. -1 (the " +
      "default): no limit.",
  },
  {
    name: "lastEndpoint",
    zmq: "ZMQ_LAST_ENDPOINT",
    type: "string",
    access: "r",
    on: ["Socket"],
    doc:
      "The endpoint this socket bound last, with wildcards resolved (e.g. `tcp://127.0.0.1:41235` after " +
      "binding `tcp://127.0.0.1:*`), or null before any bind. How a program learns the port the system " +
      "chose.",
  },
  {
    name: "mandatory",
    zmq: "ZMQ_ROUTER_MANDATORY",
    type: "bool",
    access: "rw",
    on: ["Router"],
    doc:
      "What a Router does with a message it cannot route: false (the default) drops it silently, as it " +
      "drops one for a peer at its high water mark; true makes send() reject with `EHOSTUNREACH` for a " +
      "peer that is not connected and wait (until {@link sendTimeout}) for one at its high water mark.",
    immediate: true,
  },
  {
    name: "tcpKeepalive",
    zmq: "ZMQ_TCP_KEEPALIVE",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "Whether tcp connections use keep-alive probes (SO_KEEPALIVE): 1 on, 0 off, -1 (the default) the " +
      "operating system's default.",
  },
  {
    name: "tcpKeepaliveCount",
    zmq: "ZMQ_TCP_KEEPALIVE_CNT",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How many unanswered keep-alive probes end a tcp connection (TCP_KEEPCNT); -1 (the default): the " +
      "operating system's default.",
  },
  {
    name: "tcpKeepaliveIdle",
    zmq: "ZMQ_TCP_KEEPALIVE_IDLE",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in seconds a tcp connection is idle before keep-alive probes start (TCP_KEEPIDLE); -1 " +
      "(the default): the operating system's default.",
  },
  {
    name: "tcpKeepaliveInterval",
    zmq: "ZMQ_TCP_KEEPALIVE_INTVL",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "The interval in seconds between keep-alive probes (TCP_KEEPINTVL); -1 (the default): the " +
      "operating system's default.",
  },
  {
    name: "tcpAcceptFilter",
    zmq: "ZMQ_TCP_ACCEPT_FILTER",
    type: "string",
    access: "rw",
    on: ["Socket"],
    doc:
      "Accept tcp connections only from these addresses: each value set adds an IPv4 or IPv6 address or " +
      "CIDR subnet to the list, null clears it; with an empty list any address is accepted. Deprecated " +
      "by libzmq in favour of ZAP (see Authenticator's allow()).",
  },
  {
    name: "immediate",
    zmq: "ZMQ_IMMEDIATE",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    doc:
      "Whether messages are queued only to connections that are complete. By default (false) a " +
      "connect() makes a queue at once, so messages sent round-robin (Push, Dealer, Request) can go to " +
      "a peer that is not there yet and wait for it while others are idle; true queues only to " +
      "connected peers, and makes send() wait while there are none.",
  },
  {
    name: "ipv6",
    zmq: "ZMQ_IPV6",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    doc:
      "Whether this socket uses IPv6 as well as IPv4: when true it connects to and accepts connections " +
      "from both IPv4 and IPv6 hosts; when false (the default, unless the context's ipv6 says " +
      "otherwise) only IPv4.",
  },
  {
    name: "securityMechanism",
    zmq: "ZMQ_MECHANISM",
    type: "int32",
    access: "r",
    on: ["Socket"],
    values: [null, "plain", "curve", "gssapi"],
    doc:
      "The security mechanism of this socket, which follows from the security options set: `null` " +
      '(none, ZMTP\'s NULL), `"plain"` (user name and password in clear text), `"curve"` (CurveZMQ: ' +
      'encryption and authentication by keys, for public networks) or `"gssapi"` (Kerberos).',
  },
  {
    name: "plainServer",
    zmq: "ZMQ_PLAIN_SERVER",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    doc:
      "Whether this socket is a PLAIN server, which asks the context's ZAP handler (e.g. an " +
      "Authenticator) about each client's user name and password. Without a ZAP handler, every client " +
      "is refused.",
  },
  {
    name: "plainUsername",
    zmq: "ZMQ_PLAIN_USERNAME",
    type: "string",
    access: "rw",
    on: ["Socket"],
    doc:
      "The user name this socket sends as a PLAIN client; setting it (not null) makes the socket use " +
      "PLAIN on its tcp and ipc connections.",
  },
  {
    name: "plainPassword",
    zmq: "ZMQ_PLAIN_PASSWORD",
    type: "string",
    access: "rw",
    on: ["Socket"],
    doc:
      "The password this socket sends as a PLAIN client; setting it (not null) makes the socket use " +
      "PLAIN on its tcp and ipc connections.",
  },
  {
    name: "curveServer",
    zmq: "ZMQ_CURVE_SERVER",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    capability: "curve",
    doc:
      "Whether this socket is a CURVE server: it then needs its {@link curveSecretKey} (not its public " +
      "key), and asks the context's ZAP handler (e.g. an Authenticator) about each client's public key. " +
      "Without a ZAP handler every client with the server's public key is admitted.",
  },
  {
    name: "curvePublicKey",
    zmq: "ZMQ_CURVE_PUBLICKEY",
    type: "string",
    access: "rw",
    on: ["Socket"],
    capability: "curve",
    doc:
      "This socket's long-term CURVE public key, as 40 Z85 characters (or 32 bytes): needed on a CURVE " +
      "client, not on a server. Make a key pair with `curveKeyPair()`.",
  },
  {
    name: "curveSecretKey",
    zmq: "ZMQ_CURVE_SECRETKEY",
    type: "string",
    access: "rw",
    on: ["Socket"],
    capability: "curve",
    doc:
      "This socket's long-term CURVE secret key, as 40 Z85 characters (or 32 bytes): needed on CURVE " +
      "clients and servers alike. Make a key pair with `curveKeyPair()`; derive the public key " +
      "from it with `curvePublicKey()`.",
  },
  {
    name: "curveServerKey",
    zmq: "ZMQ_CURVE_SERVERKEY",
    type: "string",
    access: "rw",
    on: ["Socket"],
    capability: "curve",
    doc:
      "The CURVE public key of the server this client socket connects to, as 40 Z85 characters (or 32 " +
      "bytes); setting it makes the socket a CURVE client.",
  },
  {
    name: "probeRouter",
    zmq: "ZMQ_PROBE_ROUTER",
    type: "bool",
    access: "w",
    on: ["Router", "Dealer", "Request"],
    doc:
      "Send an empty message to each peer when a connection is made, so that a Router learns of the new " +
      "peer (and its routing id) at once. Only for sockets connected to Routers; the Router's " +
      "application must expect the empty messages.",
    immediate: true,
  },
  {
    name: "correlate",
    zmq: "ZMQ_REQ_CORRELATE",
    type: "bool",
    access: "w",
    on: ["Request"],
    doc:
      "Whether a Request prefixes each request with a request id frame and drops replies without the id " +
      "of the last request: with {@link relaxed}, late replies to abandoned requests are then discarded " +
      "instead of taken for the answer to the current one.",
    immediate: true,
  },
  {
    name: "relaxed",
    zmq: "ZMQ_REQ_RELAXED",
    type: "bool",
    access: "w",
    on: ["Request"],
    doc:
      "Whether a Request may send a new request before the reply to the last one arrived (by default " +
      "that send rejects with `EFSM`). The old request is abandoned and the new one goes to the next " +
      "peer; set {@link correlate} too, so that a late reply to the old one is not mistaken for the new " +
      "one's.",
    immediate: true,
  },
  {
    name: "conflate",
    zmq: "ZMQ_CONFLATE",
    type: "bool",
    access: "w",
    on: conflatables,
    doc:
      "Keep only the last message: the queues of this socket hold at most one message, the newest, and " +
      "the high water marks do not apply. For state updates where only the latest matters; not for " +
      "multipart messages.",
  },
  {
    name: "zapDomain",
    zmq: "ZMQ_ZAP_DOMAIN",
    type: "string",
    access: "rw",
    on: ["Socket"],
    doc:
      "The ZAP domain of this server socket: passed to the context's ZAP handler (e.g. an " +
      "Authenticator, whose policies are per domain) with each authentication request. A NULL-security " +
      "server asks the ZAP handler only when the domain is not empty; PLAIN and CURVE servers always " +
      "ask when there is a handler.",
  },
  {
    name: "handover",
    zmq: "ZMQ_ROUTER_HANDOVER",
    type: "bool",
    access: "w",
    on: ["Router"],
    doc:
      "What a Router does when a new connection claims a routing id that a connected peer already has: " +
      "false (the default) refuses the newcomer; true hands the routing id over to it and disconnects " +
      "the old peer.",
    immediate: true,
  },
  {
    name: "typeOfService",
    zmq: "ZMQ_TOS",
    type: "uint32",
    access: "rw",
    on: ["Socket"],
    doc:
      "The type-of-service (DSCP and ECN bits) of the IP packets of this socket's connections, for " +
      "networks that prioritise traffic by it.",
  },
  {
    name: "gssapiServer",
    zmq: "ZMQ_GSSAPI_SERVER",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    capability: "gssapi",
    doc:
      "Whether this socket is a GSSAPI (Kerberos) server. Only when libzmq was built with GSSAPI " +
      "(`capability.gssapi`; zeromq-turbo's binaries are not).",
  },
  {
    name: "gssapiPrincipal",
    zmq: "ZMQ_GSSAPI_PRINCIPAL",
    type: "string",
    access: "rw",
    on: ["Socket"],
    capability: "gssapi",
    doc: "The name of this socket's own GSSAPI principal (Kerberos).",
  },
  {
    name: "gssapiServicePrincipal",
    zmq: "ZMQ_GSSAPI_SERVICE_PRINCIPAL",
    type: "string",
    access: "rw",
    on: ["Socket"],
    capability: "gssapi",
    doc:
      "The name of the GSSAPI principal of the server this client connects to; setting it makes the " +
      "socket a GSSAPI client.",
  },
  {
    name: "gssapiPlainText",
    zmq: "ZMQ_GSSAPI_PLAINTEXT",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    capability: "gssapi",
    doc: "Whether GSSAPI connections skip encryption (authentication only).",
  },
  {
    name: "gssapiPrincipalNameType",
    zmq: "ZMQ_GSSAPI_PRINCIPAL_NAMETYPE",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    capability: "gssapi",
    values: principalNameTypes,
    doc:
      'How {@link gssapiPrincipal} is to be read: `"hostBased"` (the default), `"userName"` or ' + '`"krb5Principal"`.',
  },
  {
    name: "gssapiServicePrincipalNameType",
    zmq: "ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    capability: "gssapi",
    values: principalNameTypes,
    doc:
      'How {@link gssapiServicePrincipal} is to be read: `"hostBased"` (the default), `"userName"` or ' +
      '`"krb5Principal"`.',
  },
  {
    name: "handshakeInterval",
    zmq: "ZMQ_HANDSHAKE_IVL",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds the ZMTP handshake of a new connection (socket types, security) may " +
      "take before the connection is closed (default 30000; 0: no limit).",
  },
  {
    name: "socksProxy",
    zmq: "ZMQ_SOCKS_PROXY",
    type: "string",
    access: "rw",
    on: ["Socket"],
    doc:
      "A SOCKS5 proxy (`host:port`) through which this socket makes its tcp connections; null for none. " +
      "Host names in endpoints are passed to the proxy unresolved. No SOCKS authentication.",
  },
  {
    name: "noDrop",
    zmq: "ZMQ_XPUB_NODROP",
    type: "bool",
    access: "w",
    on: ["XPublisher", "Publisher"],
    doc:
      "Whether send() waits (and rejects with `EAGAIN` at the {@link sendTimeout}) instead of dropping " +
      "the message when a subscriber is at its high water mark.",
  },
  {
    name: "manual",
    zmq: "ZMQ_XPUB_MANUAL",
    type: "bool",
    access: "w",
    on: ["XPublisher"],
    doc:
      "Whether the XPublisher applies subscriptions itself (false, the default) or leaves them to the " +
      "application, which receives each subscription message and applies the ones it accepts by setting " +
      "ZMQ_SUBSCRIBE on the XPUB socket (from JavaScript, in a subclass calling setStringOption()). " +
      "Write-only in libzmq.",
  },
  {
    name: "welcomeMessage",
    zmq: "ZMQ_XPUB_WELCOME_MSG",
    type: "string",
    access: "w",
    on: ["XPublisher"],
    doc:
      "A message sent to every new subscriber when it connects (null: none). A Subscriber must be " +
      "subscribed to it to receive it.",
  },
  {
    name: "notify",
    zmq: "ZMQ_STREAM_NOTIFY",
    type: "bool",
    access: "w",
    on: ["Stream"],
    doc: "Whether a Stream socket receives an empty message when a peer connects or disconnects (default " + "true).",
  },
  {
    name: "invertMatching",
    zmq: "ZMQ_INVERT_MATCHING",
    type: "bool",
    access: "rw",
    on: ["Publisher", "Subscriber", "XPublisher"],
    doc:
      "Invert subscription matching: on a Publisher or XPublisher, messages go to the subscribers that " +
      "are not subscribed to a matching prefix; on a Subscriber, it receives the messages that match " +
      "none of its subscriptions. Publishers and their Subscribers must agree on it, or the Subscribers " +
      "drop everything.",
  },
  {
    name: "heartbeatInterval",
    zmq: "ZMQ_HEARTBEAT_IVL",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How often in milliseconds this socket sends a ZMTP PING on each connection to check that the " +
      "peer is alive (0, the default: never).",
  },
  {
    name: "heartbeatTimeToLive",
    zmq: "ZMQ_HEARTBEAT_TTL",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds the peer may go without traffic from this socket before it drops the " +
      "connection, sent to the peer with each PING (tenths of a second; less than 100 means none). Only " +
      "with a {@link heartbeatInterval}.",
  },
  {
    name: "heartbeatTimeout",
    zmq: "ZMQ_HEARTBEAT_TIMEOUT",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds after a PING this socket waits for any traffic from the peer before " +
      "closing the connection (default: the heartbeatInterval). Only with a {@link heartbeatInterval}.",
  },
  {
    name: "connectTimeout",
    zmq: "ZMQ_CONNECT_TIMEOUT",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds a tcp connection attempt may take before it is abandoned and retried, " +
      "shorter than the operating system's (0, the default: the operating system's).",
  },
  {
    name: "tcpMaxRetransmitTimeout",
    zmq: "ZMQ_TCP_MAXRT",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How long in milliseconds transmitted data may go unacknowledged before the tcp connection is " +
      "closed (TCP_USER_TIMEOUT where the OS has it), so that a dead network is noticed sooner. 0 (the " +
      "default): the operating system's.",
  },
  {
    name: "threadSafe",
    zmq: "ZMQ_THREAD_SAFE",
    type: "bool",
    access: "r",
    on: ["Socket"],
    doc:
      "Whether several threads may use this libzmq socket at once: true for the draft sockets (Server, " +
      "Client, Radio, Dish, Gather, Scatter), false for the others.",
  },
  {
    name: "multicastMaxTransportDataUnit",
    zmq: "ZMQ_MULTICAST_MAXTPDU",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "The largest transport data unit of outgoing multicast packets, in bytes (default 1500): at most " +
      "the smallest MTU of the paths the packets take.",
  },
  {
    name: "vmciBufferSize",
    zmq: "ZMQ_VMCI_BUFFER_SIZE",
    type: "uint64",
    access: "rw",
    on: ["Socket"],
    doc: "The buffer size of `vmci://` connections (VMware VM sockets), negotiated when they are made.",
  },
  {
    name: "vmciBufferMinSize",
    zmq: "ZMQ_VMCI_BUFFER_MIN_SIZE",
    type: "uint64",
    access: "rw",
    on: ["Socket"],
    doc: "The smallest buffer size of `vmci://` connections.",
  },
  {
    name: "vmciBufferMaxSize",
    zmq: "ZMQ_VMCI_BUFFER_MAX_SIZE",
    type: "uint64",
    access: "rw",
    on: ["Socket"],
    doc: "The largest buffer size of `vmci://` connections.",
  },
  {
    name: "vmciConnectTimeout",
    zmq: "ZMQ_VMCI_CONNECT_TIMEOUT",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc: "How long in milliseconds a `vmci://` connection attempt may take.",
  },
  {
    name: "interface",
    zmq: "ZMQ_BINDTODEVICE",
    type: "string",
    access: "rw",
    on: ["Socket"],
    doc:
      "The network interface (e.g. `eth0`, or a VRF device) this socket's connections and listeners are " +
      "bound to (SO_BINDTODEVICE; Linux only, needs root or CAP_NET_RAW).",
  },
  {
    name: "zapEnforceDomain",
    zmq: "ZMQ_ZAP_ENFORCE_DOMAIN",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    doc:
      "Whether ZAP is asked for NULL-security connections even with an empty {@link zapDomain}, as RFC " +
      "27 says (libzmq's default, false, follows older libzmq).",
  },
  {
    name: "loopbackFastPath",
    zmq: "ZMQ_LOOPBACK_FASTPATH",
    type: "bool",
    access: "rw",
    on: ["Socket"],
    doc:
      "Whether tcp connections over the loopback interface use Windows' loopback fast path " +
      "(SIO_LOOPBACK_FAST_PATH), which lowers their latency. Windows only.",
  },
  {
    name: "inBatchSize",
    zmq: "ZMQ_IN_BATCH_SIZE",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How many bytes libzmq's I/O thread reads per system call on this socket's tcp and ipc " +
      "connections made after it is set (libzmq's draft option). zeromq-turbo makes it 131072 (Stream " +
      "sockets 8192, where the batch is the chunk received); libzmq's and zeromq.js's default is 8192; " +
      "at most 64 MiB. 128 KiB moves 4 KiB to 64 KiB messages about 2x as fast over tcp; libzmq copies " +
      "a frame smaller than two batches through the batch, so a larger size makes 256 KiB and larger " +
      "frames slower (docs/performance.md).",
    extension: true,
  },
  {
    name: "outBatchSize",
    zmq: "ZMQ_OUT_BATCH_SIZE",
    type: "int32",
    access: "rw",
    on: ["Socket"],
    doc:
      "How many bytes libzmq's I/O thread writes per system call on this socket's tcp and ipc " +
      "connections made after it is set (libzmq's draft option). zeromq-turbo makes it 131072 (Stream " +
      "sockets 8192); libzmq's and zeromq.js's default is 8192; at most 64 MiB. 128 KiB moves 4 KiB to " +
      "64 KiB messages about 2x as fast over tcp; libzmq copies a frame smaller than two batches " +
      "through the batch, so a larger size makes 256 KiB and larger frames slower (docs/performance.md).",
    extension: true,
  },
]

/** Options that only methods set (Subscriber#subscribe, XPublisher#verbosity, Router#connect). */
export const methodOptions: readonly Pick<OptionRow, "zmq" | "immediate">[] = [
  { zmq: "ZMQ_SUBSCRIBE", immediate: true },
  { zmq: "ZMQ_UNSUBSCRIBE", immediate: true },
  { zmq: "ZMQ_XPUB_VERBOSE", immediate: true },
  { zmq: "ZMQ_XPUB_VERBOSER", immediate: true },
  { zmq: "ZMQ_CONNECT_ROUTING_ID" },
]

/** Other zmq.h names the classes use: socket types, flags and options set by methods. */
export const otherConstants: readonly string[] = [
  "ZMQ_PAIR",
  "ZMQ_PUB",
  "ZMQ_SUB",
  "ZMQ_REQ",
  "ZMQ_REP",
  "ZMQ_DEALER",
  "ZMQ_ROUTER",
  "ZMQ_PULL",
  "ZMQ_PUSH",
  "ZMQ_XPUB",
  "ZMQ_XSUB",
  "ZMQ_STREAM",
  "ZMQ_SERVER",
  "ZMQ_CLIENT",
  "ZMQ_RADIO",
  "ZMQ_DISH",
  "ZMQ_GATHER",
  "ZMQ_SCATTER",
  "ZMQ_DGRAM",
  "ZMQ_POLLIN",
  "ZMQ_POLLOUT",
  "ZMQ_POLLERR",
  "ZMQ_SNDMORE",
  "ZMQ_DONTWAIT",
  "ZMQ_RCVMORE",
  "ZMQ_EVENTS",
  "ZMQ_FD",
  "ZMQ_RECOVERY_IVL",
  "ZMQ_IDENTITY",
  // Observer: socket monitor events and handshake protocol errors.
  "ZMQ_EVENT_CONNECTED",
  "ZMQ_EVENT_CONNECT_DELAYED",
  "ZMQ_EVENT_CONNECT_RETRIED",
  "ZMQ_EVENT_LISTENING",
  "ZMQ_EVENT_BIND_FAILED",
  "ZMQ_EVENT_ACCEPTED",
  "ZMQ_EVENT_ACCEPT_FAILED",
  "ZMQ_EVENT_CLOSED",
  "ZMQ_EVENT_CLOSE_FAILED",
  "ZMQ_EVENT_DISCONNECTED",
  "ZMQ_EVENT_MONITOR_STOPPED",
  "ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL",
  "ZMQ_EVENT_HANDSHAKE_SUCCEEDED",
  "ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL",
  "ZMQ_EVENT_HANDSHAKE_FAILED_AUTH",
  "ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED",
  "ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND",
  "ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE",
  "ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME",
  "ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA",
  "ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH",
  "ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED",
  "ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY",
  "ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID",
  "ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION",
  "ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE",
  "ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA",
]
