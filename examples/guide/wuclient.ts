// Weather update client: subscribes to one zip code's updates and prints their average.
//
//   wuclient [zipcode] [updates] [endpoint]
//
// A SUB socket connected to tcp://localhost:5556 (or `endpoint`, e.g. a wuproxy's) subscribes
// to the updates that start with `zipcode` (10001 by default), collects `updates` of them (100)
// and prints the average temperature and how long it took. With zip codes spread over 100,000
// values, 100 matching updates come out of about 10 million published: the Guide quotes 4.47 s
// for that on a 2011 laptop; `npm run bench -- --only guide` measures it here.
import * as zmq from "zeromq-turbo"
import { connectAddress } from "./zhelpers.js"

async function main() {
  const filter = process.argv[2] ?? "10001 "
  const updates = Number(process.argv[3] ?? 100)
  const endpoint = process.argv[4] ?? connectAddress(5556)
  if (!Number.isInteger(updates) || updates < 1) throw new Error("updates must be a positive whole number")

  console.log("Collecting updates from weather server…")
  const subscriber = new zmq.Subscriber()
  subscriber.connect(endpoint)
  subscriber.subscribe(filter)
  const started = process.hrtime.bigint()

  let received = 0
  let totalTemperature = 0
  for await (const [update] of subscriber) {
    const [, temperature] = update.toString().split(" ")
    totalTemperature += Number(temperature)
    if (++received === updates) break
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  subscriber.close()

  console.log(`Average temperature for zipcode '${filter.trim()}' was ${Math.trunc(totalTemperature / received)}F`)
  console.log(`Received ${received} updates in ${seconds.toFixed(3)} s`)
}

main()
