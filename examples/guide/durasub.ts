// Subscriber for durapub: says it is ready, then prints every update until "END".
//
// See durapub for what became of ZeroMQ 2's durable subscribers in libzmq 4. As in syncsub, the
// synchronization request goes out once the SUB connection's handshake is done, so the
// publisher never starts before this subscriber's subscription has reached it.
import * as zmq from "zeromq-turbo"
import { connectAddress } from "./zhelpers.js"

async function main() {
  const subscriber = new zmq.Subscriber()
  const events = subscriber.events
  subscriber.subscribe()
  subscriber.connect(connectAddress(5565))
  for (let event = await events.receive(); event.type !== "handshake"; event = await events.receive()) {
    // Connection attempts and retries until the publisher is there.
  }
  events.close()

  // Synchronize with the publisher
  const sync = new zmq.Push()
  sync.connect(connectAddress(5564))
  await sync.send("")
  sync.close()

  // Get updates, exit when told to do so
  for await (const [update] of subscriber) {
    console.log(`${update}`)
    if (update.toString() === "END") break
  }
  subscriber.close()
}

main()
