// Draws the benchmark's ratios as a plain SVG bar chart (docs/bench.svg, shown in the README).
// One bar per comparison with zeromq@6.8.0: how many times faster zeromq-turbo is (for round
// trips: zeromq's time divided by ours, so longer is better everywhere), on a log2 axis with
// 1x as the baseline. A tick marks the target, a grey diamond where libzmq's own C tools are
// (the ceiling). Hand-written markup, no dependencies.

const WIDTH = 860
const LABEL = 290 // the label column
const RIGHT = 70 // room for the value text
const ROW = 24
const TOP = 78
const COLORS = { met: "#2f8f4e", missed: "#d9822b", none: "#4a78b5", slower: "#c0392b" }

function escape(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

/** The bars: speedups over zeromq (> 1 is faster), their targets and the libzmq ceiling. */
export function chartRows(output) {
  const rows = []
  for (const c of output.cases) {
    const zeromq = c.median.zeromq?.value
    const libzmq = c.median.libzmq?.value
    for (const comp of c.comparisons) {
      if (comp.vs !== "zeromq") continue
      // A comparison of two different figures (the market-data target: our p99 against
      // zeromq's p50) is a target, not a speedup: the table has it.
      if ((comp.vsField ?? comp.field) !== comp.field) continue
      const ours = c.median[comp.variant]?.value
      if (ours === undefined || zeromq === undefined) continue
      const latency = c.metric !== "rate" // a time (a round trip or a whole task): lower is better
      // The paired ratio (per-round, then the median) when there is one: see run.mjs.
      const ratio = comp.pairedRatio ?? ours / zeromq
      const speedup = latency ? 1 / ratio : ratio
      // Targets are written as ratios of the metric; as a speedup a time ratio inverts.
      const bound = comp.min ?? comp.max
      const target = bound === undefined ? undefined : latency ? 1 / bound : bound
      const ceiling = libzmq === undefined ? undefined : latency ? zeromq / libzmq : libzmq / zeromq
      rows.push({ label: comp.label, speedup, target, ceiling, verdict: comp.verdict })
    }
  }
  return rows
}

export function renderSvg(output) {
  const rows = chartRows(output)
  const values = rows.flatMap(r => [r.speedup, r.target, r.ceiling]).filter(v => v !== undefined && v > 0)
  const lo = Math.min(0.5, 2 ** Math.floor(Math.log2(Math.min(...values, 1))))
  const hi = Math.max(2, 2 ** Math.ceil(Math.log2(Math.max(...values, 1))))
  const plotLeft = LABEL
  const plotRight = WIDTH - RIGHT
  const x = v => plotLeft + ((Math.log2(v) - Math.log2(lo)) / (Math.log2(hi) - Math.log2(lo))) * (plotRight - plotLeft)
  const height = TOP + rows.length * ROW + 64
  const { meta } = output
  const parts = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
      `font-family="Helvetica, Arial, sans-serif" font-size="12">`,
  )
  parts.push(`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`)
  parts.push(
    `<text x="16" y="24" font-size="16" font-weight="bold">zeromq-turbo vs zeromq@${escape(meta.zeromq)}: times faster (median of per-round ratios)</text>`,
  )
  parts.push(
    `<text x="16" y="44" fill="#555">${escape(
      `${meta.date.slice(0, 10)}, node ${meta.node}, ${meta.cpus} CPUs (${meta.cpuModel ?? "?"}), ` +
        `median of ${meta.rounds} alternating rounds${meta.quick ? ", QUICK counts" : ""}; npm run bench`,
    )}</text>`,
  )
  // Grid: one line per power of two, the 1x baseline darker.
  const gridBottom = TOP + rows.length * ROW
  for (let v = lo; v <= hi; v *= 2) {
    const gx = x(v).toFixed(1)
    const base = v === 1
    parts.push(
      `<line x1="${gx}" y1="${TOP - 8}" x2="${gx}" y2="${gridBottom}" stroke="${base ? "#333" : "#ddd"}" stroke-width="${base ? 1.5 : 1}"/>`,
    )
    parts.push(`<text x="${gx}" y="${TOP - 12}" text-anchor="middle" fill="#555">${v < 1 ? v : v.toFixed(0)}x</text>`)
  }
  rows.forEach((row, i) => {
    const y = TOP + i * ROW
    const mid = y + ROW / 2
    const color =
      row.speedup < 1
        ? COLORS.slower
        : row.verdict === "met"
          ? COLORS.met
          : row.verdict === "MISSED"
            ? COLORS.missed
            : COLORS.none
    const x0 = x(1)
    const x1 = x(row.speedup)
    parts.push(`<text x="${LABEL - 10}" y="${mid + 4}" text-anchor="end">${escape(row.label)}</text>`)
    parts.push(
      `<rect x="${Math.min(x0, x1).toFixed(1)}" y="${y + 5}" width="${Math.max(1, Math.abs(x1 - x0)).toFixed(1)}" height="${ROW - 10}" fill="${color}"/>`,
    )
    if (row.target !== undefined) {
      const tx = x(row.target).toFixed(1)
      parts.push(`<line x1="${tx}" y1="${y + 2}" x2="${tx}" y2="${y + ROW - 2}" stroke="#111" stroke-width="2"/>`)
    }
    if (row.ceiling !== undefined) {
      const cx = x(row.ceiling)
      parts.push(
        `<path d="M${(cx - 5).toFixed(1)} ${mid} L${cx.toFixed(1)} ${mid - 5} L${(cx + 5).toFixed(1)} ${mid} L${cx.toFixed(1)} ${mid + 5} Z" fill="#999" stroke="#666"/>`,
      )
    }
    const textX =
      Math.max(x1, row.ceiling !== undefined ? x(row.ceiling) + 6 : 0, row.target !== undefined ? x(row.target) : 0) + 6
    parts.push(`<text x="${Math.min(textX, WIDTH - 40).toFixed(1)}" y="${mid + 4}">${row.speedup.toFixed(2)}x</text>`)
  })
  const ly = gridBottom + 26
  const legend = [
    [COLORS.met, "target met"],
    [COLORS.missed, "target missed"],
    [COLORS.none, "no target"],
    [COLORS.slower, "slower than zeromq"],
  ]
  legend.forEach(([color, text], i) => {
    const lx = 16 + i * 150
    parts.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${color}"/>`)
    parts.push(`<text x="${lx + 18}" y="${ly}">${text}</text>`)
  })
  parts.push(`<line x1="616" y1="${ly - 11}" x2="616" y2="${ly + 3}" stroke="#111" stroke-width="2"/>`)
  parts.push(`<text x="624" y="${ly}">target</text>`)
  parts.push(`<path d="M690 ${ly - 4} L695 ${ly - 9} L700 ${ly - 4} L695 ${ly + 1} Z" fill="#999" stroke="#666"/>`)
  parts.push(`<text x="706" y="${ly}">libzmq C tools</text>`)
  parts.push(
    `<text x="16" y="${ly + 22}" fill="#555">Log scale. Round trips: zeromq's time / ours. Details: docs/performance.md.</text>`,
  )
  parts.push("</svg>")
  return `${parts.join("\n")}\n`
}
