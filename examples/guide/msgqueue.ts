// Message queue broker: rrbroker's ROUTER and DEALER, joined by the built-in Proxy.
//
// zmq_proxy() moves the messages between the two sockets on a thread of its own, whole (every
// frame of a message) and in both directions; run() resolves only once the proxy is terminated.
// Use it with rrclient and rrworker, exactly as rrbroker.
import * as zmq from "zeromq-turbo"
import { bindAddress } from "./zhelpers.js"

async function main() {
  const proxy = new zmq.Proxy(new zmq.Router(), new zmq.Dealer())
  await proxy.frontEnd.bind(bindAddress(5559))
  await proxy.backEnd.bind(bindAddress(5560))
  console.log(`Queueing between ${bindAddress(5559)} (clients) and ${bindAddress(5560)} (workers)`)

  await proxy.run()
}

main()
