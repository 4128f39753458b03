// Request-reply worker: a REP socket connected to a broker's back end on tcp://localhost:5560.
//
// It answers every request with "World" after a second of work. The broker's DEALER shares the
// requests out among all connected workers; the worker, like the client, only knows the broker.
import * as zmq from "zeromq-turbo"
import { connectAddress, sleep } from "./zhelpers.js"

async function main() {
  const responder = new zmq.Reply()
  responder.events.on("handshake", () => console.log("Connected to the broker"))
  responder.connect(connectAddress(5560))

  for await (const [request] of responder) {
    console.log(`Received request: [${request}]`)
    await sleep(1000) // do some 'work'
    await responder.send("World")
  }
}

main()
