// What the loader holds between validating each key and building ObkmConfig: the values of the keys that
// passed, by key, and a way to ask whether a key failed (a check across keys skips a failed key, which has
// been reported already).
import { z } from "zod";
import { configKeys, ConfigKey } from "./keys";

// The database keys are typed by pattern (database.${string}), so they read as any; the rest keep their types.
export type Parsed = { [K in ConfigKey]: z.output<(typeof configKeys)[K]["rule"]> } & Record<string, any>;

/** True when any of the keys failed its own validation. */
export type Failed = (...keys: string[]) => boolean;
