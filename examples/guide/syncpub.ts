// Synchronized publisher: waits for its subscribers, then publishes 1,000,000 updates and "END".
//
//   syncpub [subscribers]
//
// Node coordination (chapter 2): a publisher cannot know who has subscribed, and whatever it
// publishes before a subscriber is connected is lost to it. So each subscriber (syncsub) first
// tells the publisher it is there, over a second, REQ-REP, channel on tcp://*:5562. Once
// `subscribers` of them (10 by default) have, the PUB socket on tcp://*:5561 sends the lot. Its
// send high-water mark is raised above the number of updates, as in the Guide, so that a
// subscriber that falls behind gets its updates late rather than never.
import * as zmq from "zeromq-turbo"
import { bindAddress } from "./zhelpers.js"

const UPDATES = 1_000_000

async function main() {
  const expected = Number(process.argv[2] ?? 10)
  if (!Number.isInteger(expected) || expected < 1) throw new Error("subscribers must be a positive whole number")

  const publisher = new zmq.Publisher({ sendHighWaterMark: UPDATES + 100_000 })
  await publisher.bind(bindAddress(5561))
  const syncservice = new zmq.Reply()
  await syncservice.bind(bindAddress(5562))

  console.log("Waiting for subscribers")
  for (let subscribers = 0; subscribers < expected; subscribers++) {
    await syncservice.receive()
    await syncservice.send("")
  }

  console.log("Broadcasting messages")
  for (let update = 0; update < UPDATES; update++) await publisher.send("Rhubarb")
  await publisher.send("END")
  publisher.close() // the process exits once every subscriber has everything (linger)
  syncservice.close()
}

main()
