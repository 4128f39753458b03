// Hello World client: a REQ socket connected to tcp://localhost:5555 sends "Hello" ten times.
//
// Each request waits for its reply: a REQ socket alternates send and receive, and ZeroMQ
// queues the first request until the server is there, so the client may start first.
import * as zmq from "zeromq-turbo"
import { connectAddress } from "./zhelpers.js"

async function main() {
  console.log("Connecting to hello world server…")
  const requester = new zmq.Request()
  requester.connect(connectAddress(5555))

  for (let request = 0; request < 10; request++) {
    console.log(`Sending Hello ${request}…`)
    await requester.send("Hello")
    const [reply] = await requester.receive()
    console.log(`Received ${reply} ${request}`)
  }
  requester.close()
}

main()
