/**
 * `zeromq-turbo/draft`: the socket types of libzmq's draft API (Server and Client, Radio and
 * Dish, Gather and Scatter, Datagram), as zeromq.js's `zeromq/draft` exports them. Importing it
 * emits a warning that draft features may change, and throws when libzmq was built without
 * them (see `capability.draft`).
 *
 * @module zeromq-turbo/draft
 */
import { capability } from "./index.js"

if (capability.draft) {
  process.emitWarning("ZeroMQ draft features are experimental and could change at any time.")
} else {
  throw new Error(
    "ZeroMQ draft features are not enabled in this build. " +
      "To enable support, (re)compile this library against a libzmq built with drafts.",
  )
}

export { Server, Client, Radio, Dish, Gather, Scatter, Datagram } from "./draft-sockets.js"
export type { ServerRoutingOptions, RadioGroupOptions, DishGroupOptions } from "./draft-sockets.js"
