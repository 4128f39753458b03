// Publishers and subscribers that only know a proxy: XSUB on tcp://*:6000, XPUB on tcp://*:6001.
//
//   pubsubproxy                    the proxy
//   pubsubproxy publisher <name>   publishes "<name> <n>" ten times a second, to the proxy
//   pubsubproxy subscriber <name>  subscribes to everything the proxy forwards, and prints it
//
// The Guide's answer to dynamic discovery in publish-subscribe (chapter 2): instead of every
// subscriber connecting to every publisher, both sides connect to one proxy, the only fixed
// point. Publishers connect to its XSUB socket, subscribers to its XPUB socket; the proxy
// forwards messages downstream and subscriptions upstream, so start two publishers and two
// subscribers in any order and each subscriber sees both publishers.
import * as zmq from "zeromq-turbo"
import { bindAddress, connectAddress, sleep } from "./zhelpers.js"

async function runProxy() {
  const proxy = new zmq.Proxy(new zmq.XSubscriber(), new zmq.XPublisher())
  await proxy.frontEnd.bind(bindAddress(6000))
  await proxy.backEnd.bind(bindAddress(6001))
  console.log(`Proxy: publishers connect to ${bindAddress(6000)}, subscribers to ${bindAddress(6001)}`)
  await proxy.run()
}

async function publish(name: string) {
  const publisher = new zmq.Publisher()
  publisher.connect(connectAddress(6000))
  for (let n = 0; ; n++) {
    await publisher.send(`${name} ${n}`)
    await sleep(100)
  }
}

async function subscribe(name: string) {
  const subscriber = new zmq.Subscriber()
  subscriber.connect(connectAddress(6001))
  subscriber.subscribe()
  for await (const [message] of subscriber) console.log(`${name} received: ${message}`)
}

const [role = "proxy", name = role] = process.argv.slice(2)
if (role === "proxy") runProxy()
else if (role === "publisher") publish(name)
else if (role === "subscriber") subscribe(name)
else {
  console.error("usage: pubsubproxy [proxy | publisher <name> | subscriber <name>]")
  process.exitCode = 2
}
