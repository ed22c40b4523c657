// The family of a key whose rule is a plain integer range, a boolean or a list of words, read off the rule
// itself: such a rule says all there is to say of its bad values (outside the range, not a boolean, not in
// the list), and a second statement of the same bounds here would be one more place to keep in step. Keys
// whose rule needs knowledge of what reads the value (names, hosts, paths, patterns) are declared by hand
// in key-families.ts, which also wins where both speak.
import { z } from "zod";
import * as f from "./families";
import type { Family } from "./families";

export function familyOfRule(rule: z.ZodTypeAny): Family | undefined {
  if (rule instanceof z.ZodBoolean) return f.boolean();
  if (rule instanceof z.ZodEnum) return f.oneOf(rule.options as string[]);
  if (rule instanceof z.ZodNumber && rule.isInt && rule.minValue !== null && rule.maxValue !== null) return f.integer(rule.minValue, rule.maxValue);
  return undefined;
}
