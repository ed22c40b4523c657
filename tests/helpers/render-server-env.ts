// What the render server's parts share: the variables that name its socket and the run's folder of cached
// renders for the jest workers, and the handle that global-setup.ts leaves for global-teardown.ts (both run
// in jest's own process).
import type { ChildProcess } from "child_process";

export const RENDER_SERVER_ENV = "OBKM_TEST_RENDER_SERVER";
/**
 * The run's folder of renders (render-cache.ts), keyed once in global-setup.ts: working the key out loads
 * TypeScript and scans the import graph, about a quarter of a CPU-second in each test file that did it.
 */
export const RENDER_CACHE_ENV = "OBKM_TEST_RENDER_CACHE";
/** The run's folder of verdicts of validateObjects (k8s-validate-cache.ts), keyed once in global-setup.ts. */
export const VALIDATIONS_ENV = "OBKM_TEST_VALIDATIONS";
export const SERVER_HANDLE = "__obkmRenderServer";

export interface RenderServerHandle {
  child: ChildProcess;
  dir: string;
  /** The run's temporary folder, the workers' TMPDIR. */
  tmp: string;
}

/** How many values per key the property run tries (tests/property-oracle.test.ts): a soak sets it high, without a new render. */
export const PROPERTY_RUNS_ENV = "OBKM_TEST_PROPERTY_RUNS";

/**
 * Runs `run` with `env`'s variables set in this process's environment, and puts back what they were after,
 * even when it throws. The render server renders one request at a time, so no other render sees them.
 */
export async function withEnv<T>(env: Record<string, string> | undefined, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env ?? {}).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * The file that tests/helpers/file-cpu.ts appends each test file's CPU to, set by `npm run bench -- --suites`
 * (scripts/bench-suites.ts). Named here, a module without effects, so that the bench reads the name without
 * loading the set-up file, which registers jest hooks when it is set.
 */
export const FILE_CPU_ENV = "OBKM_FILE_CPU";
/** The name the render server's own line goes under in that file, beside the test files' (render-server.ts). */
export const RENDER_SERVER_ROW = "(the render server)";
