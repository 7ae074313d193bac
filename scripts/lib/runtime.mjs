/**
 * How the API process is run in production (`pnpm start`, the Docker image, `pnpm bench`).
 *
 * V8 lets its old generation grow lazily while garbage comes in fast: under load the API's heap grew to about
 * 300 MB (peak RSS near 600 MB) although what it keeps alive is about 45 to 60 MB. Holding the old generation to
 * 192 MB keeps the process near 200 MB. But under a cap that small V8 also grows the heap only a little past
 * what survived each full collection, so under load it ran a full mark-compact about every 150 ms (about 200 in
 * 30 s). Letting the heap grow to three times what survived (`--heap-growing-percent=200`), still under the
 * cap, cuts those to about 80 and gave a third more throughput for the desk queue and the portal list at the same
 * concurrency, with peak RSS about 250 MB (measured with `pnpm bench`; see bench/README.md). A deployment that
 * needs more room sets NODE_OPTIONS=--max-old-space-size=<MB>, which is then left alone.
 */
export const API_HEAP_FLAG = '--max-old-space-size=192'
/** Not allowed in NODE_OPTIONS, so always given on the command line. */
export const API_HEAP_GROWTH_FLAG = '--heap-growing-percent=200'

/** The node flags for the API process, given the environment it starts in. */
export function apiNodeFlags(env = process.env) {
  return /--max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? [API_HEAP_GROWTH_FLAG] : [API_HEAP_FLAG, API_HEAP_GROWTH_FLAG]
}
