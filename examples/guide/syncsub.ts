// Synchronized subscriber: subscribes, tells syncpub it is ready, and counts the updates.
//
// The SUB socket connects to tcp://localhost:5561 and subscribes to everything; then a REQ
// socket on tcp://localhost:5562 tells the publisher, and waits for its answer. The Guide's C
// version sleeps a second before that, hoping its subscription reaches the publisher meanwhile.
// Waiting for the SUB connection's handshake instead is enough: the subscription is queued
// before the connection exists and goes out the moment the handshake completes, well ahead of a
// sync request that still needs a connection of its own.
import * as zmq from "zeromq-turbo"
import { connectAddress } from "./zhelpers.js"

async function main() {
  const subscriber = new zmq.Subscriber()
  const events = subscriber.events // watched from before the connection is made
  subscriber.connect(connectAddress(5561))
  subscriber.subscribe()
  for (let event = await events.receive(); event.type !== "handshake"; event = await events.receive()) {
    // Connection attempts and retries until the publisher is there.
  }
  events.close()

  const syncclient = new zmq.Request()
  syncclient.connect(connectAddress(5562))
  await syncclient.send("")
  await syncclient.receive()
  syncclient.close()

  let updates = 0
  for await (const [update] of subscriber) {
    if (update.toString() === "END") break
    updates++
  }
  console.log(`Received ${updates} updates`)
  subscriber.close()
}

main()
