// The peer side of the engine comparison: bpmn-engine runs the Purwakarta SOP (purwakarta.bpmn,
// 10 user tasks) through whole lifecycles, each task signalled as soon as it waits.
//
//   node --expose-gc run.mjs memory N            lifecycles in memory
//   node --expose-gc run.mjs postgres N URL C    getState() written to PostgreSQL after every
//                                                step (an UPSERT per step, C lifecycles at once)
//   node --expose-gc run.mjs live M              heap per live case: M cases waiting at step 5
// Prints one JSON line: {mode, lifecycles, seconds, per_second, peak_rss_bytes} or {mode, cases, bytes_per_case}.
import { readFileSync } from "node:fs";
import { EventEmitter } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "bpmn-engine";
import BpmnModdle from "bpmn-moddle";

// The model is parsed once, as a server would: every engine gets the parsed definition.
const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "purwakarta.bpmn"), "utf8");
const moddleContext = await new BpmnModdle().fromXML(source);
const STEPS = 10;

// One lifecycle: every user task is signalled when it waits; `persist` runs before each signal.
function lifecycle(name, persist) {
  return new Promise((resolve, reject) => {
    const engine = new Engine({ name, moddleContext });
    const listener = new EventEmitter();
    let steps = 0;
    listener.on("wait", (api) => {
      Promise.resolve(persist ? persist(engine) : null)
        .then(() => {
          steps++;
          api.signal();
        })
        .catch(reject);
    });
    engine.once("end", () => (steps === STEPS ? resolve() : reject(new Error(`${name}: ${steps} steps`))));
    engine.once("error", reject);
    engine.execute({ listener }).catch(reject);
  });
}

async function memory(n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await lifecycle(`m${i}`);
  return report("memory", n, start);
}

async function postgres(n, url, concurrency) {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  await pool.query("CREATE TABLE IF NOT EXISTS bpmn_state (id TEXT PRIMARY KEY, state JSONB NOT NULL)");
  const persist = (name) => async (engine) => {
    const state = await engine.getState();
    await pool.query("INSERT INTO bpmn_state (id, state) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET state = $2",
                     [name, JSON.stringify(state)]);
  };
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < n) {
      const name = `p${next++}`;
      await lifecycle(name, persist(name));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const result = report("postgres", n, start);
  await pool.end();
  return result;
}

// M engines, each waiting at step 5 (the first four signalled), held at once.
async function live(m) {
  const held = [];
  global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < m; i++) {
    await new Promise((resolve, reject) => {
      const engine = new Engine({ name: `l${i}`, moddleContext });
      const listener = new EventEmitter();
      let steps = 0;
      listener.on("wait", (api) => {
        if (++steps < 5) api.signal();
        else resolve();
      });
      engine.execute({ listener }).catch(reject);
      held.push(engine);
    });
  }
  global.gc();
  const after = process.memoryUsage().heapUsed;
  return { mode: "live", cases: held.length, bytes_per_case: Math.round((after - before) / held.length) };
}

function report(mode, n, start) {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { mode, lifecycles: n, seconds, per_second: n / seconds, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 };
}

const [mode, arg, url, conc] = process.argv.slice(2);
const result = mode === "memory" ? await memory(Number(arg))
  : mode === "postgres" ? await postgres(Number(arg), url, Number(conc ?? 16))
  : mode === "live" ? await live(Number(arg))
  : null;
if (!result) {
  console.error("usage: run.mjs memory N | postgres N URL [C] | live M");
  process.exit(2);
}
console.log(JSON.stringify(result));
