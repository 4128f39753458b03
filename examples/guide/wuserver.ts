// Weather update server: a PUB socket bound to tcp://*:5556 publishes random weather updates.
//
// Each update is "<zipcode> <temperature> <relative humidity>", the zip code five digits from
// 00000 to 99999. The publisher sends as fast as it can, forever, whether anyone listens or not:
// a PUB socket never waits for subscribers, it drops what nobody is subscribed to (libzmq
// filters at the publisher, so a subscriber to one zip code receives one update in 100,000).
// As in the Guide, the one socket is bound to two endpoints, tcp and ipc.
import * as zmq from "zeromq-turbo"
import { bindAddress, ipcAddress, randof } from "./zhelpers.js"

async function main() {
  const publisher = new zmq.Publisher()
  await publisher.bind(bindAddress(5556))
  await publisher.bind(ipcAddress("weather.ipc"))
  console.log(`Publishing weather updates on ${bindAddress(5556)} and ${ipcAddress("weather.ipc")}`)

  for (;;) {
    const zipcode = String(randof(100000)).padStart(5, "0")
    const temperature = randof(215) - 80
    const relhumidity = randof(50) + 10
    await publisher.send(`${zipcode} ${temperature} ${relhumidity}`)
  }
}

main()
