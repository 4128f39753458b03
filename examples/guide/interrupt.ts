// A REP server on tcp://*:5555 that exits cleanly on Ctrl-C (SIGINT) or SIGTERM.
//
// The Guide's C version catches the signal and notices it when the blocking receive returns
// with EINTR. In Node the signal is an event: its handler closes the socket, which ends the
// `for await` loop; the program then says so and exits with code 0 on its own (no
// process.exit()), because nothing is left to keep it alive.
import * as zmq from "zeromq-turbo"
import { bindAddress } from "./zhelpers.js"

async function main() {
  const responder = new zmq.Reply()
  await responder.bind(bindAddress(5555))

  let interrupted = false
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      interrupted = true
      responder.close()
    })
  }
  console.log("Waiting for requests; Ctrl-C to stop")

  for await (const [request] of responder) {
    console.log(`Received ${request}`)
    try {
      await responder.send("World")
    } catch (error) {
      if (!interrupted) throw error // a send pending when the signal closed the socket
    }
  }
  console.log("W: interrupt received, killing server…")
}

main()
