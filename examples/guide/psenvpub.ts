// Pub-sub envelope publisher: publishes two-frame messages, an address and a body, on tcp://*:5563.
//
// The first frame is the "envelope", the topic subscribers filter on: "A" or "B". Because
// subscriptions match the start of a message's first frame, the key is kept apart from the data,
// and a subscriber to "B" never sees a message whose data happens to begin with "B".
import * as zmq from "zeromq-turbo"
import { bindAddress, sleep } from "./zhelpers.js"

async function main() {
  const publisher = new zmq.Publisher()
  await publisher.bind(bindAddress(5563))

  for (;;) {
    await publisher.send(["A", "We don't want to see this"])
    await publisher.send(["B", "We would like to see this"])
    await sleep(1000)
  }
}

main()
