// `pulumi up` waits for the StatefulSet to roll out. With OrderedReady pods start one after another, and an
// update replaces them one at a time, so the wait grows with the node count: each pod may take its grace
// period to stop, its startup allowance to start, and a minute for scheduling and pulling the image.
import { ObkmConfig } from "../config/load";
import { startupAllowanceSeconds } from "./probes";

export function statefulSetTimeouts(config: ObkmConfig): { create: string; update: string } {
  const perPodSeconds = config.terminationGracePeriodSeconds + startupAllowanceSeconds(config) + 60;
  const minutes = Math.ceil((config.replicas * perPodSeconds) / 60);
  return { create: `${minutes}m`, update: `${minutes}m` };
}
