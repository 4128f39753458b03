// Publisher for durasub: once a subscriber says it is ready, publishes ten updates, then "END".
//
//   durapub [updates]
//
// In ZeroMQ 2 this was the Guide's "durable subscriber" demo: a SUB socket that set an identity
// got a queue at the publisher that outlived the subscriber, so a durasub stopped and restarted
// mid-stream still received every update it had missed. libzmq 3 removed durable sockets, and
// libzmq 4 (this package's) behaves like this:
// - A routing id on a SUB socket gives it nothing (zeromq.js v6 and zeromq-turbo do not even
//   offer the option there). The publisher keeps one queue per connection, and the queue goes
//   when the connection goes: what is published while a subscriber is away is lost to it.
// - While a subscriber is connected but slow, its queue holds up to the publisher's send
//   high-water mark (1000 by default); beyond that, a PUB socket drops its messages.
// - The connecting side of a connection keeps its queue while it reconnects after a network
//   failure (a subscriber that binds, with the publisher connecting to it, gets what was queued
//   during the outage), but a new process is a new socket, with nothing queued for it.
// Subscribers that must not miss anything are an application protocol on top: sequence numbers
// with a snapshot to catch up from (the Guide's Clone pattern, chapter 5) or a broker that stores
// messages. Run durapub, then durasub; stop durasub after a few updates and start it again: the
// second one starts from the update being published, not from the one the first missed.
import * as zmq from "zeromq-turbo"
import { bindAddress, sleep } from "./zhelpers.js"

async function main() {
  const updates = Number(process.argv[2] ?? 10)
  if (!Number.isInteger(updates) || updates < 0) throw new Error("updates must be a whole number")

  // Subscriber tells us when it's ready here
  const sync = new zmq.Pull()
  await sync.bind(bindAddress(5564))
  // We send updates via this socket
  const publisher = new zmq.Publisher()
  await publisher.bind(bindAddress(5565))

  await sync.receive() // wait for the synchronization request
  for (let update = 0; update < updates; update++) {
    console.log(`Sending Update ${update}`)
    await publisher.send(`Update ${update}`)
    await sleep(1000)
  }
  await publisher.send("END")
  sync.close()
  publisher.close()
}

main()
