/** "zeromq-turbo/draft": the draft socket types. */
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
