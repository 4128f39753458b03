// Request-reply broker: ROUTER on tcp://*:5559 for clients, DEALER on tcp://*:5560 for workers.
//
// Forwards every message from one socket to the other, in both directions. A message is an
// array of all its frames, so it is passed on whole: the envelope the ROUTER adds (the client's
// routing id and an empty delimiter) travels with the request to the worker's REP socket and
// back, and the ROUTER uses it to send the reply to the right client. The Guide's C version
// polls the two sockets and copies frame by frame; here each direction is its own loop.
// msgqueue does the same with the built-in Proxy.
import * as zmq from "zeromq-turbo"
import { bindAddress } from "./zhelpers.js"

/** Sends every message that arrives on `from` to `to`. */
async function forward(from: zmq.Router | zmq.Dealer, to: zmq.Router | zmq.Dealer) {
  for await (const message of from) await to.send(message)
}

async function main() {
  const frontend = new zmq.Router()
  const backend = new zmq.Dealer()
  await frontend.bind(bindAddress(5559))
  await backend.bind(bindAddress(5560))
  console.log(`Brokering between ${bindAddress(5559)} (clients) and ${bindAddress(5560)} (workers)`)

  await Promise.all([forward(frontend, backend), forward(backend, frontend)])
}

main()
