// Settings that are each valid but wrong together: checked as a whole, whichever key a user reaches them by.
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";
import { parseQuantity } from "./quantity";

export function consistencyProblems(parsed: Parsed, failed: Failed): string[] {
  const problems: string[] = [];

  if (!failed("database.pool.minIdle", "database.pool.maxActive") && parsed["database.pool.minIdle"] > parsed["database.pool.maxActive"]) {
    problems.push(
      `${fullKey(["database.pool.minIdle"])}: got ${parsed["database.pool.minIdle"]} with ${fullKey(["database.pool.maxActive"])} ${parsed["database.pool.maxActive"]}; expected at most the pool's maximum, because a pool cannot keep more idle connections than it may open`,
    );
  }

  if (!failed("cpu", "cpuLimit") && parsed.cpuLimit) {
    const [request, limit] = [parseQuantity(parsed.cpu), parseQuantity(parsed.cpuLimit)];
    if (request && limit && limit.milli < request.milli) {
      problems.push(
        `${fullKey(["cpuLimit"])}: got ${parsed.cpuLimit} with ${fullKey(["cpu"])} ${parsed.cpu}; expected at least the request, because the API server refuses a limit below it`,
      );
    }
  }

  if (!failed("podManagementPolicy", "database.provision") && parsed.podManagementPolicy === "Parallel" && parsed["database.provision"]) {
    problems.push(
      `${fullKey(["podManagementPolicy"])}: got Parallel with ${fullKey(["database.provision"])} true; expected OrderedReady, because the provisioned database is empty at the first start, and nodes starting together on an empty database collide on its first inserts`,
    );
  }
  return problems;
}
