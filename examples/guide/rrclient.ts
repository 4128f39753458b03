// Request-reply client: sends ten "Hello" requests to a broker on tcp://localhost:5559.
//
// With rrbroker (or msgqueue) in the middle and any number of rrworker behind it: the client
// talks to the broker's ROUTER as if it were the server, and never knows how many workers there
// are.
import * as zmq from "zeromq-turbo"
import { connectAddress } from "./zhelpers.js"

async function main() {
  const requester = new zmq.Request()
  requester.connect(connectAddress(5559))

  for (let request = 0; request < 10; request++) {
    await requester.send("Hello")
    const [reply] = await requester.receive()
    console.log(`Received reply ${request} [${reply}]`)
  }
  requester.close()
}

main()
