// The exports are zeromq.js 6.8.0's v5-compat ones, in its order, then those zeromq@5 also had
// (ZMQ_HWM, ZMQ_SWAP, ZMQ_MCAST_LOOP, types, events, zmqVersion, zmqCurveKeypair).
/**
 * `zeromq-turbo/v5-compat`: the EventEmitter API of the old `zeromq@5`, built on this
 * package's v6 API, for programs written for it: change `require("zeromq")` to
 * `require("zeromq-turbo/v5-compat")`. Migrating step by step: docs/migrating.md.
 *
 * ```js
 * const zmq = require("zeromq-turbo/v5-compat")
 * const sock = zmq.socket("push")
 * sock.bindSync("tcp://127.0.0.1:3000")
 * setInterval(() => sock.send("work"), 500)
 * ```
 *
 * @module zeromq-turbo/v5-compat
 */
export { Context } from "./compat/context.js"
export { Socket, createSocket, type SocketType, type Callback } from "./compat/socket.js"
export { curveKeypair } from "./compat/library.js"
export { proxy } from "./compat/proxy.js"
export { version } from "./compat/library.js"
export { createSocket as socket } from "./compat/socket.js"
export { options, type OptionName, type OptionValue } from "./compat/options.js"
export * from "./compat/constants.js"
export { types, events, zmqVersion, zmqCurveKeypair } from "./compat/library.js"
