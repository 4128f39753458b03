// Hello World server: a REP socket bound to tcp://*:5555 answers every request with "World".
//
// The Guide's first program (chapter 1). A REP socket receives one request, then must send one
// reply before it can receive the next; `for await` hands the requests over one at a time and
// the loop body answers each. The second of sleep stands for the work a real server would do.
import * as zmq from "zeromq-turbo"
import { bindAddress, sleep } from "./zhelpers.js"

async function main() {
  const responder = new zmq.Reply()
  await responder.bind(bindAddress(5555))

  for await (const [request] of responder) {
    console.log(`Received ${request}`)
    await sleep(1000) // do some 'work'
    await responder.send("World")
  }
}

main()
