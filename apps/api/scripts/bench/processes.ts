// Child processes of the benchmark: the production server, the floor and the load process; and the memory of a
// process as Linux reports it.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'

export interface Child {
  process: ChildProcess
  pid: number
  origin: string
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts a server process and waits until it prints the line `ready` matches (whose first group is the port).
 * Its output is kept (last 20,000 characters) for the report when something fails.
 */
export function startServer(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, cwd: string): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let started = false
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
      const match = !started && ready.exec(output)
      if (match) {
        started = true
        resolve({
          process: child,
          pid: child.pid!,
          origin: `http://127.0.0.1:${match[1]}`,
          output: () => output,
          stop: () => stopChild(child),
        })
      }
    }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    child.once('exit', (code) => {
      if (!started) reject(new Error(`${args.at(-1)} exited with ${code} before it was ready:\n${output}`))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Runs a process to its end and returns what it printed on stdout (stderr is passed through). */
export function runToEnd(command: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve(output)
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`))
    })
  })
}

/** Resident memory now and its high-water mark, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 }
  } catch {
    return null
  }
}

/** Samples a process's resident memory every `everyMs` while running; `peak()` is the largest seen. */
export function sampleMemory(pid: number, everyMs = 100) {
  let peak = 0
  const take = () => {
    const memory = memoryOf(pid)
    if (memory && memory.rssMb > peak) peak = memory.rssMb
  }
  const timer = setInterval(take, everyMs)
  timer.unref()
  return {
    reset() {
      peak = 0
      take()
    },
    peak: () => {
      take()
      return peak
    },
    stop: () => clearInterval(timer),
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The fields after the command name (which is in parentheses and may hold spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}
