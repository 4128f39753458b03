// Pub-sub envelope subscriber: subscribes to envelope "B" on tcp://localhost:5563 and prints it.
//
// Each message arrives whole, both frames in one array: the envelope and the body.
import * as zmq from "zeromq-turbo"
import { connectAddress } from "./zhelpers.js"

async function main() {
  const subscriber = new zmq.Subscriber()
  subscriber.connect(connectAddress(5563))
  subscriber.subscribe("B")

  for await (const [address, contents] of subscriber) console.log(`[${address}] ${contents}`)
}

main()
