// The runtime artifacts every node must see alike (the deployment pattern's list) and the tenants'
// data, on one ReadWriteMany claim with a sub-path per area. One claim, because the areas are small, are
// written rarely and belong together: one NFS export to provision, one backup, one guard. Sub-paths,
// because mounting the claim over all of repository/deployment would hide the pack's webapps and the rest.
import { ObkmConfig } from "../config/load";
import { Names } from "./names";
import { PersistentVolumeClaimManifest } from "./types";
import { SHARED_VOLUME } from "./pod-layout";

/** Paths under <KM_HOME>/repository, as the claim also lays them out. */
export const SHARED_AREAS = [
  "deployment/server/eventpublishers", // email output event publishers
  "deployment/server/userstores", // secondary user stores
  "deployment/server/eventstreams", // analytics event streams
  "deployment/server/humantasks", // workflow artifacts
  "deployment/server/bpel", // workflow artifacts
  "tenants", // tenants' own artifacts and configuration
] as const;

/**
 * Guards against losing the artifacts: `protect` makes Pulumi refuse to delete or replace the claim (a
 * preview that would do so fails), `retainOnDelete` keeps it in the cluster if the stack is destroyed once
 * the guard is lifted, and `replaceOnChanges` names the fields a claim cannot change in place, so a
 * change to them is planned as the replacement it is, and stopped by `protect`.
 */
export interface ClaimGuard {
  protect: boolean;
  retainOnDelete: boolean;
  replaceOnChanges: string[];
}

export interface SharedStorage {
  claimName: string;
  /** Absent when the stack uses an existing claim. */
  claim?: PersistentVolumeClaimManifest;
  guard: ClaimGuard;
}

export function sharedStorage(config: ObkmConfig, n: Names, commonLabels: Record<string, string>): SharedStorage {
  const { existingClaim, storageClass, size, protect } = config.sharedStorage;
  const guard: ClaimGuard = {
    protect,
    retainOnDelete: protect,
    replaceOnChanges: ["spec.accessModes", "spec.storageClassName", "spec.volumeMode"],
  };
  if (existingClaim) return { claimName: existingClaim, guard };
  return {
    claimName: n.sharedClaim,
    guard,
    claim: {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: n.sharedClaim, namespace: n.namespace, labels: commonLabels },
      spec: {
        accessModes: ["ReadWriteMany"],
        volumeMode: "Filesystem",
        ...(storageClass ? { storageClassName: storageClass } : {}),
        resources: { requests: { storage: size } },
      },
    },
  };
}

export function sharedVolumeMounts(kmHome: string) {
  return SHARED_AREAS.map((area) => ({ name: SHARED_VOLUME, mountPath: `${kmHome}/repository/${area}`, subPath: area }));
}
