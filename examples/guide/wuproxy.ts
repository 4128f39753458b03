// Weather update proxy: subscribes to the weather server and republishes on tcp://*:8100.
//
// Bridges two networks: an XSUB socket connects to the weather server (tcp://localhost:5556;
// in the Guide, on the internal network) and an XPUB socket binds where external subscribers
// connect. The proxy passes updates one way and subscriptions the other, so the weather server
// still filters for every subscriber behind the proxy. Try `npm run example -- wuclient 10001
// 100 tcp://localhost:8100`.
import * as zmq from "zeromq-turbo"
import { bindAddress, connectAddress } from "./zhelpers.js"

async function main() {
  const proxy = new zmq.Proxy(new zmq.XSubscriber(), new zmq.XPublisher())
  proxy.frontEnd.connect(connectAddress(5556)) // where the weather server is
  await proxy.backEnd.bind(bindAddress(8100)) // public endpoint for subscribers
  console.log(`Forwarding weather updates from ${connectAddress(5556)} to ${bindAddress(8100)}`)

  await proxy.run()
}

main()
