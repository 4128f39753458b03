/**
 * THE option table: every context and socket option property, once.
 *
 * Each row names the property, the libzmq option by its zmq.h name (its number comes from the
 * compiled addon, never from here), the value type, the access, the classes that carry it and a
 * one-line description. `scripts/generate-options.mjs` turns this file into
 * `native/constants.generated.h` (the zmq.h names the addon exports) and
 * `lib/options.generated.ts` (the typed properties of every class); `lib/options.ts` installs the
 * accessors at run time. This file is data only: it imports nothing.
 */

export type OptionType = "bool" | "int32" | "uint32" | "int64" | "uint64" | "string"
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
}

const writables = ["Pair", "Publisher", "Request", "Reply", "Dealer", "Router", "Push", "XPublisher", "XSubscriber", "Stream", "Server", "Client", "Radio", "Scatter", "Datagram"] as const
const readables = ["Pair", "Subscriber", "Request", "Reply", "Dealer", "Router", "Pull", "XPublisher", "XSubscriber", "Stream", "Server", "Client", "Dish", "Gather", "Datagram"] as const
const conflatables = ["Pull", "Push", "Subscriber", "Publisher", "Dealer", "Scatter", "Gather"] as const
const principalNameTypes = ["hostBased", "userName", "krb5Principal"] as const

export const contextOptions: readonly OptionRow[] = [
  { name: "ioThreads", zmq: "ZMQ_IO_THREADS", type: "int32", access: "rw", on: ["Context"], doc: "Size of the I/O thread pool (0 is enough for inproc-only use)." },
  { name: "maxSockets", zmq: "ZMQ_MAX_SOCKETS", type: "int32", access: "rw", on: ["Context"], doc: "Maximum number of sockets in this context." },
  { name: "maxSocketsLimit", zmq: "ZMQ_SOCKET_LIMIT", type: "int32", access: "r", on: ["Context"], doc: "Largest value maxSockets accepts." },
  { name: "threadPriority", zmq: "ZMQ_THREAD_PRIORITY", type: "int32", access: "w", on: ["Context"], doc: "Scheduling priority of the I/O threads; only before the first socket." },
  { name: "threadSchedulingPolicy", zmq: "ZMQ_THREAD_SCHED_POLICY", type: "int32", access: "w", on: ["Context"], doc: "Scheduling policy of the I/O threads; only before the first socket." },
  { name: "maxMessageSize", zmq: "ZMQ_MAX_MSGSZ", type: "int32", access: "rw", on: ["Context"], doc: "Largest message size sockets of this context accept." },
  { name: "ipv6", zmq: "ZMQ_IPV6", type: "bool", access: "rw", on: ["Context"], doc: "Default of the ipv6 option of new sockets." },
  { name: "blocky", zmq: "ZMQ_BLOCKY", type: "bool", access: "rw", on: ["Context"], doc: "When false, new sockets get a linger of 0 instead of waiting forever for undelivered messages." },
]

export const socketOptions: readonly OptionRow[] = [
  { name: "sendBufferSize", zmq: "ZMQ_SNDBUF", type: "int32", access: "rw", on: writables, doc: "Kernel send buffer size in bytes (-1: the OS default)." },
  { name: "sendHighWaterMark", zmq: "ZMQ_SNDHWM", type: "int32", access: "rw", on: writables, doc: "Maximum number of outstanding outgoing messages per peer (0: no limit)." },
  { name: "sendTimeout", zmq: "ZMQ_SNDTIMEO", type: "int32", access: "rw", on: writables, doc: "Milliseconds a send() may wait before rejecting with EAGAIN (-1: forever)." },
  { name: "multicastHops", zmq: "ZMQ_MULTICAST_HOPS", type: "int32", access: "rw", on: writables, doc: "Time-to-live of multicast packets." },
  { name: "receiveBufferSize", zmq: "ZMQ_RCVBUF", type: "int32", access: "rw", on: readables, doc: "Kernel receive buffer size in bytes (-1: the OS default)." },
  { name: "receiveHighWaterMark", zmq: "ZMQ_RCVHWM", type: "int32", access: "rw", on: readables, doc: "Maximum number of outstanding incoming messages per peer (0: no limit)." },
  { name: "receiveTimeout", zmq: "ZMQ_RCVTIMEO", type: "int32", access: "rw", on: readables, doc: "Milliseconds a receive() may wait before rejecting with EAGAIN (-1: forever)." },
  { name: "affinity", zmq: "ZMQ_AFFINITY", type: "uint64", access: "rw", on: ["Socket"], doc: "Bit mask of the I/O threads that handle new connections." },
  { name: "routingId", zmq: "ZMQ_ROUTING_ID", type: "string", access: "rw", on: ["Request", "Reply", "Router", "Dealer"], doc: "The identity this socket presents to ROUTER peers." },
  { name: "rate", zmq: "ZMQ_RATE", type: "int32", access: "rw", on: ["Socket"], doc: "Multicast data rate in kilobits per second." },
  { name: "recoveryInterval", zmq: "ZMQ_RECOVERY_IVL", type: "int32", access: "rw", on: ["Socket"], doc: "Multicast recovery interval in milliseconds." },
  { name: "type", zmq: "ZMQ_TYPE", type: "int32", access: "r", on: ["Socket"], doc: "The socket type." },
  { name: "linger", zmq: "ZMQ_LINGER", type: "int32", access: "rw", on: ["Socket"], doc: "Milliseconds undelivered messages are kept after close (-1: forever, 0: drop)." },
  { name: "reconnectInterval", zmq: "ZMQ_RECONNECT_IVL", type: "int32", access: "rw", on: ["Socket"], doc: "Milliseconds before reconnecting a lost connection (-1: never)." },
  { name: "backlog", zmq: "ZMQ_BACKLOG", type: "int32", access: "rw", on: ["Socket"], doc: "Maximum length of the queue of pending connections." },
  { name: "reconnectMaxInterval", zmq: "ZMQ_RECONNECT_IVL_MAX", type: "int32", access: "rw", on: ["Socket"], doc: "Upper bound of the exponential reconnect back-off in milliseconds (0: no back-off)." },
  { name: "maxMessageSize", zmq: "ZMQ_MAXMSGSIZE", type: "int64", access: "rw", on: ["Socket"], doc: "Largest inbound message in bytes; larger ones drop the peer (-1: no limit)." },
  { name: "lastEndpoint", zmq: "ZMQ_LAST_ENDPOINT", type: "string", access: "r", on: ["Socket"], doc: "The endpoint last bound, with wildcards resolved." },
  { name: "mandatory", zmq: "ZMQ_ROUTER_MANDATORY", type: "bool", access: "rw", on: ["Router"], doc: "Fail with EHOSTUNREACH instead of dropping unroutable messages." },
  { name: "tcpKeepalive", zmq: "ZMQ_TCP_KEEPALIVE", type: "int32", access: "rw", on: ["Socket"], doc: "SO_KEEPALIVE (-1: the OS default)." },
  { name: "tcpKeepaliveCount", zmq: "ZMQ_TCP_KEEPALIVE_CNT", type: "int32", access: "rw", on: ["Socket"], doc: "TCP_KEEPCNT (-1: the OS default)." },
  { name: "tcpKeepaliveIdle", zmq: "ZMQ_TCP_KEEPALIVE_IDLE", type: "int32", access: "rw", on: ["Socket"], doc: "TCP_KEEPIDLE (-1: the OS default)." },
  { name: "tcpKeepaliveInterval", zmq: "ZMQ_TCP_KEEPALIVE_INTVL", type: "int32", access: "rw", on: ["Socket"], doc: "TCP_KEEPINTVL (-1: the OS default)." },
  { name: "tcpAcceptFilter", zmq: "ZMQ_TCP_ACCEPT_FILTER", type: "string", access: "rw", on: ["Socket"], doc: "Accept TCP connections only from this address (deprecated by libzmq)." },
  { name: "immediate", zmq: "ZMQ_IMMEDIATE", type: "bool", access: "rw", on: ["Socket"], doc: "Queue messages only to completed connections." },
  { name: "ipv6", zmq: "ZMQ_IPV6", type: "bool", access: "rw", on: ["Socket"], doc: "Use IPv6 as well as IPv4 on tcp endpoints." },
  { name: "securityMechanism", zmq: "ZMQ_MECHANISM", type: "int32", access: "r", on: ["Socket"], values: [null, "plain", "curve", "gssapi"], doc: "The security mechanism in use: null, \"plain\", \"curve\" or \"gssapi\"." },
  { name: "plainServer", zmq: "ZMQ_PLAIN_SERVER", type: "bool", access: "rw", on: ["Socket"], doc: "Act as a PLAIN server." },
  { name: "plainUsername", zmq: "ZMQ_PLAIN_USERNAME", type: "string", access: "rw", on: ["Socket"], doc: "PLAIN user name (makes this socket a PLAIN client)." },
  { name: "plainPassword", zmq: "ZMQ_PLAIN_PASSWORD", type: "string", access: "rw", on: ["Socket"], doc: "PLAIN password." },
  { name: "curveServer", zmq: "ZMQ_CURVE_SERVER", type: "bool", access: "rw", on: ["Socket"], capability: "curve", doc: "Act as a CURVE server." },
  { name: "curvePublicKey", zmq: "ZMQ_CURVE_PUBLICKEY", type: "string", access: "rw", on: ["Socket"], capability: "curve", doc: "This socket's CURVE public key (Z85)." },
  { name: "curveSecretKey", zmq: "ZMQ_CURVE_SECRETKEY", type: "string", access: "rw", on: ["Socket"], capability: "curve", doc: "This socket's CURVE secret key (Z85)." },
  { name: "curveServerKey", zmq: "ZMQ_CURVE_SERVERKEY", type: "string", access: "rw", on: ["Socket"], capability: "curve", doc: "The CURVE server's public key (Z85), for clients." },
  { name: "probeRouter", zmq: "ZMQ_PROBE_ROUTER", type: "bool", access: "w", on: ["Router", "Dealer", "Request"], doc: "Send an empty message to ROUTER peers on connect." },
  { name: "correlate", zmq: "ZMQ_REQ_CORRELATE", type: "bool", access: "w", on: ["Request"], doc: "Match replies to requests with a request id." },
  { name: "relaxed", zmq: "ZMQ_REQ_RELAXED", type: "bool", access: "w", on: ["Request"], doc: "Allow a new request before the reply to the last one." },
  { name: "conflate", zmq: "ZMQ_CONFLATE", type: "bool", access: "w", on: conflatables, doc: "Keep only the last message in the queues." },
  { name: "zapDomain", zmq: "ZMQ_ZAP_DOMAIN", type: "string", access: "rw", on: ["Socket"], doc: "The ZAP authentication domain." },
  { name: "handover", zmq: "ZMQ_ROUTER_HANDOVER", type: "bool", access: "w", on: ["Router"], doc: "Hand a routing id over to a new connection that claims it." },
  { name: "typeOfService", zmq: "ZMQ_TOS", type: "uint32", access: "rw", on: ["Socket"], doc: "IP type-of-service of outgoing packets." },
  { name: "gssapiServer", zmq: "ZMQ_GSSAPI_SERVER", type: "bool", access: "rw", on: ["Socket"], capability: "gssapi", doc: "Act as a GSSAPI server." },
  { name: "gssapiPrincipal", zmq: "ZMQ_GSSAPI_PRINCIPAL", type: "string", access: "rw", on: ["Socket"], capability: "gssapi", doc: "The GSSAPI principal of this socket." },
  { name: "gssapiServicePrincipal", zmq: "ZMQ_GSSAPI_SERVICE_PRINCIPAL", type: "string", access: "rw", on: ["Socket"], capability: "gssapi", doc: "The GSSAPI principal of the server." },
  { name: "gssapiPlainText", zmq: "ZMQ_GSSAPI_PLAINTEXT", type: "bool", access: "rw", on: ["Socket"], capability: "gssapi", doc: "Disable GSSAPI encryption." },
  { name: "gssapiPrincipalNameType", zmq: "ZMQ_GSSAPI_PRINCIPAL_NAMETYPE", type: "int32", access: "rw", on: ["Socket"], capability: "gssapi", values: principalNameTypes, doc: "Name type of gssapiPrincipal." },
  { name: "gssapiServicePrincipalNameType", zmq: "ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE", type: "int32", access: "rw", on: ["Socket"], capability: "gssapi", values: principalNameTypes, doc: "Name type of gssapiServicePrincipal." },
  { name: "handshakeInterval", zmq: "ZMQ_HANDSHAKE_IVL", type: "int32", access: "rw", on: ["Socket"], doc: "Milliseconds a ZMTP handshake may take (0: no limit)." },
  { name: "socksProxy", zmq: "ZMQ_SOCKS_PROXY", type: "string", access: "rw", on: ["Socket"], doc: "SOCKS5 proxy for outgoing tcp connections." },
  { name: "noDrop", zmq: "ZMQ_XPUB_NODROP", type: "bool", access: "w", on: ["XPublisher", "Publisher"], doc: "Fail with EAGAIN instead of dropping at the high water mark." },
  { name: "manual", zmq: "ZMQ_XPUB_MANUAL", type: "bool", access: "w", on: ["XPublisher"], doc: "Subscriptions are applied by the application, not automatically." },
  { name: "welcomeMessage", zmq: "ZMQ_XPUB_WELCOME_MSG", type: "string", access: "w", on: ["XPublisher"], doc: "Message sent to every new subscriber." },
  { name: "notify", zmq: "ZMQ_STREAM_NOTIFY", type: "bool", access: "w", on: ["Stream"], doc: "Deliver empty messages on connect and disconnect." },
  { name: "invertMatching", zmq: "ZMQ_INVERT_MATCHING", type: "bool", access: "rw", on: ["Publisher", "Subscriber", "XPublisher"], doc: "Deliver messages that match no subscription instead." },
  { name: "heartbeatInterval", zmq: "ZMQ_HEARTBEAT_IVL", type: "int32", access: "rw", on: ["Socket"], doc: "Milliseconds between ZMTP heartbeats (0: none)." },
  { name: "heartbeatTimeToLive", zmq: "ZMQ_HEARTBEAT_TTL", type: "int32", access: "rw", on: ["Socket"], doc: "Milliseconds the peer should wait for heartbeats before timing out." },
  { name: "heartbeatTimeout", zmq: "ZMQ_HEARTBEAT_TIMEOUT", type: "int32", access: "rw", on: ["Socket"], doc: "Milliseconds to wait for a heartbeat reply before closing the connection." },
  { name: "connectTimeout", zmq: "ZMQ_CONNECT_TIMEOUT", type: "int32", access: "rw", on: ["Socket"], doc: "Milliseconds a tcp connect may take (0: the OS default)." },
  { name: "tcpMaxRetransmitTimeout", zmq: "ZMQ_TCP_MAXRT", type: "int32", access: "rw", on: ["Socket"], doc: "TCP_USER_TIMEOUT in milliseconds (0: the OS default)." },
  { name: "threadSafe", zmq: "ZMQ_THREAD_SAFE", type: "bool", access: "r", on: ["Socket"], doc: "Whether libzmq lets several threads use this socket." },
  { name: "multicastMaxTransportDataUnit", zmq: "ZMQ_MULTICAST_MAXTPDU", type: "int32", access: "rw", on: ["Socket"], doc: "Largest multicast transport data unit in bytes." },
  { name: "vmciBufferSize", zmq: "ZMQ_VMCI_BUFFER_SIZE", type: "uint64", access: "rw", on: ["Socket"], doc: "VMCI buffer size." },
  { name: "vmciBufferMinSize", zmq: "ZMQ_VMCI_BUFFER_MIN_SIZE", type: "uint64", access: "rw", on: ["Socket"], doc: "VMCI minimum buffer size." },
  { name: "vmciBufferMaxSize", zmq: "ZMQ_VMCI_BUFFER_MAX_SIZE", type: "uint64", access: "rw", on: ["Socket"], doc: "VMCI maximum buffer size." },
  { name: "vmciConnectTimeout", zmq: "ZMQ_VMCI_CONNECT_TIMEOUT", type: "int32", access: "rw", on: ["Socket"], doc: "VMCI connect timeout in milliseconds." },
  { name: "interface", zmq: "ZMQ_BINDTODEVICE", type: "string", access: "rw", on: ["Socket"], doc: "Bind the underlying sockets to this network interface (SO_BINDTODEVICE)." },
  { name: "zapEnforceDomain", zmq: "ZMQ_ZAP_ENFORCE_DOMAIN", type: "bool", access: "rw", on: ["Socket"], doc: "Require a ZAP domain for authentication (strict RFC 27)." },
  { name: "loopbackFastPath", zmq: "ZMQ_LOOPBACK_FASTPATH", type: "bool", access: "rw", on: ["Socket"], doc: "Windows only: use the loopback fast path for tcp." },
]

/** Other zmq.h names the classes use: socket types, flags and options set by methods. */
export const otherConstants: readonly string[] = [
  "ZMQ_PAIR", "ZMQ_PUB", "ZMQ_SUB", "ZMQ_REQ", "ZMQ_REP", "ZMQ_DEALER", "ZMQ_ROUTER", "ZMQ_PULL", "ZMQ_PUSH", "ZMQ_XPUB", "ZMQ_XSUB", "ZMQ_STREAM",
  "ZMQ_SERVER", "ZMQ_CLIENT", "ZMQ_RADIO", "ZMQ_DISH", "ZMQ_GATHER", "ZMQ_SCATTER", "ZMQ_DGRAM",
  "ZMQ_POLLIN", "ZMQ_POLLOUT", "ZMQ_POLLERR", "ZMQ_SNDMORE", "ZMQ_DONTWAIT",
  "ZMQ_SUBSCRIBE", "ZMQ_UNSUBSCRIBE", "ZMQ_CONNECT_ROUTING_ID", "ZMQ_XPUB_VERBOSE", "ZMQ_XPUB_VERBOSER",
  "ZMQ_RCVMORE", "ZMQ_EVENTS", "ZMQ_FD", "ZMQ_RECOVERY_IVL", "ZMQ_IDENTITY",
  // Observer: socket monitor events and handshake protocol errors.
  "ZMQ_EVENT_CONNECTED", "ZMQ_EVENT_CONNECT_DELAYED", "ZMQ_EVENT_CONNECT_RETRIED", "ZMQ_EVENT_LISTENING", "ZMQ_EVENT_BIND_FAILED",
  "ZMQ_EVENT_ACCEPTED", "ZMQ_EVENT_ACCEPT_FAILED", "ZMQ_EVENT_CLOSED", "ZMQ_EVENT_CLOSE_FAILED", "ZMQ_EVENT_DISCONNECTED",
  "ZMQ_EVENT_MONITOR_STOPPED", "ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL", "ZMQ_EVENT_HANDSHAKE_SUCCEEDED",
  "ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL", "ZMQ_EVENT_HANDSHAKE_FAILED_AUTH",
  "ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED", "ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND", "ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE",
  "ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE", "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE", "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE", "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR",
  "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY", "ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME",
  "ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA", "ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC", "ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH",
  "ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED", "ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY", "ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID",
  "ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION", "ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE", "ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA",
]
