import { readFileSync } from "node:fs";

/** A callgrind dump read back: instructions (Ir) per function and per call edge. */
export interface CallgrindProfile {
  /** All instructions counted in the dump. */
  readonly total: number;
  /** Instructions spent in each function itself. */
  readonly self: ReadonlyMap<string, number>;
  /** Inclusive instructions of each call edge, keyed `caller\u0000callee`. */
  readonly edges: ReadonlyMap<string, number>;
}

interface JitRange {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/** Reads node's `--perf-basic-prof` map (`/tmp/perf-<pid>.map`): JIT code address ranges and their JS names. */
const readPerfMap = (path: string): JitRange[] => {
  const ranges: JitRange[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const first = line.indexOf(" ");
    const second = line.indexOf(" ", first + 1);
    if (first === -1 || second === -1) continue;
    const start = Number.parseInt(line.slice(0, first), 16);
    ranges.push({ start, end: start + Number.parseInt(line.slice(first + 1, second), 16), name: line.slice(second + 1) });
  }
  return ranges.sort((a, b) => a.start - b.start);
};

/** Names JIT code: callgrind sees only addresses (`0x…`) for it, the perf map has the JS function. */
const jitNamer = (ranges: ReadonlyArray<JitRange>) => (name: string): string => {
  if (!/^0x[0-9a-f]+$/.test(name)) return name;
  const address = Number.parseInt(name.slice(2), 16);
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as JitRange;
    if (address < r.start) hi = mid - 1;
    else if (address >= r.end) lo = mid + 1;
    else return r.name;
  }
  return name;
};

/**
 * Parses a callgrind output file (`--dump-instr=no`, the default), naming JIT code from the
 * process's perf map, so that JavaScript functions appear by name and file.
 * @example
 * const p = readCallgrind("/tmp/cg.123.out.1", "/tmp/perf-123.map");
 */
export const readCallgrind = (dumpPath: string, perfMapPath: string): CallgrindProfile => {
  const nameOf = jitNamer(readPerfMap(perfMapPath));
  // callgrind compresses repeated names as "(id) name" the first time and "(id)" after.
  const ids = new Map<string, string>();
  const resolve = (spec: string): string => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(spec);
    if (m === null) return nameOf(spec);
    if (m[2] !== undefined) ids.set(m[1] as string, m[2]);
    return nameOf(ids.get(m[1] as string) ?? spec);
  };
  const self = new Map<string, number>();
  const edges = new Map<string, number>();
  let total = 0;
  let fn = "";
  let callee = "";
  let callPending = false;
  for (const line of readFileSync(dumpPath, "utf8").split("\n")) {
    if (line.startsWith("fn=")) fn = resolve(line.slice(3));
    else if (line.startsWith("cfn=")) callee = resolve(line.slice(4));
    else if (line.startsWith("calls=")) callPending = true;
    else if (/^[0-9+\-*]/.test(line)) {
      const cost = Number(line.split(" ")[1] ?? 0);
      if (callPending) {
        const key = `${fn}\u0000${callee}`;
        edges.set(key, (edges.get(key) ?? 0) + cost);
        callPending = false;
      } else {
        self.set(fn, (self.get(fn) ?? 0) + cost);
        total += cost;
      }
    }
  }
  return { total, self, edges };
};

const isJs = (name: string): boolean => name.startsWith("JS:") || name.startsWith("Eval:");

// Builtins and VM entry points that run JavaScript: their cost belongs to the JS they call.
const RUNS_JS =
  /Builtins_(Call|.*Trampoline|RunMicrotasks|JSEntry|JSRunMicrotasks|Construct|InterpreterEntry|AsyncFunction|Promise|ResolvePromise|FulfillPromise|RejectPromise|Array(ForEach|Map|Filter|Prototype)|FunctionPrototype|ReflectApply|GeneratorPrototype|ResumeGenerator|AsyncGenerator|InvokeApi|CallApi|HandleApiCall)|Invoke|Execution::|Function::Call|MakeCallback|InternalCallbackScope|Microtask|wasm|llhttp|Wasm|^0x/;

/**
 * Instructions per JavaScript function: its own, plus those of the native code it calls
 * directly (JSON, string and inline-cache builtins, allocation) but not of native code that
 * runs more JavaScript. Native code reached otherwise (GC threads, the event loop) stays
 * unattributed.
 * @example
 * const top = attributeToJs(readCallgrind(dump, map));
 */
export const attributeToJs = (profile: CallgrindProfile): Map<string, number> => {
  const out = new Map<string, number>();
  for (const [fn, cost] of profile.self) if (isJs(fn)) out.set(fn, (out.get(fn) ?? 0) + cost);
  for (const [key, cost] of profile.edges) {
    const [caller, callee] = key.split("\u0000") as [string, string];
    if (isJs(caller) && !isJs(callee) && !RUNS_JS.test(callee)) out.set(caller, (out.get(caller) ?? 0) + cost);
  }
  return out;
};

/**
 * The part of the code base a JS function belongs to: a workspace package, a dependency, or
 * a Node.js module.
 * @example
 * ownerOf("JS:*parseHeaders /x/node_modules/.pnpm/undici@7.30.2/node_modules/undici/lib/core/util.js:436:23"); // "undici"
 */
export const ownerOf = (fn: string): string => {
  const pkg = /packages\/([a-z-]+)\//.exec(fn);
  if (pkg !== null) return `@switchyard/${pkg[1]}`;
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@[^/]+\/[^/]+|[^/]+)\//.exec(fn);
  if (dep !== null) return dep[1] as string;
  const node = /(node:[a-z_]+(?:\/[a-z_]+)?)/.exec(fn);
  return node !== null ? (node[1] as string) : "other JS";
};

/** A function's name without the machine's paths. */
export const shortName = (fn: string): string => fn.replace(/file:\/\/\/\S*?\/(packages|bench)\//, "$1/").replace(/\S*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "");
