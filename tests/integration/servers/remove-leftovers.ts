// `.ci/integration-teardown` runs this: stops the servers of integration runs whose jest is gone (killed, or
// interrupted before its globalTeardown) and removes their directories. A running suite's are left alone.
import { removeLeftovers } from "./lifecycle";

removeLeftovers().then(
  (removed) => {
    for (const dir of removed) console.log(`integration-teardown: stopped the servers of an interrupted run and removed ${dir}`);
    if (!removed.length) console.log("integration-teardown: no servers or directories left by earlier runs");
  },
  (e: Error) => {
    console.error(`integration-teardown: ${e.message}`);
    process.exitCode = 1;
  },
);
