// The runtime artifacts and tenants every node shares (repository/deployment and repository/tenants): one
// ReadWriteMany claim, guarded against deletion and replacement. Each node's init container seeds it from
// the pack on first use (the seed script is among the node files).
import { PersistentVolumeClaim } from "@pulumi/kubernetes/core/v1/persistentVolumeClaim";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import type { ClaimGuard } from "../plan/shared-storage";
import type { PersistentVolumeClaimManifest } from "../plan/types";

export interface SharedArtifactsArgs {
  /**
   * The claim to create.
   * @default none: the nodes use an existing claim, named in claimName
   */
  claim?: PersistentVolumeClaimManifest;
  /** The claim the nodes mount: the one created here, or an existing one. */
  claimName: string;
  /**
   * Pulumi's guards on the claim.
   * @default { protect: true, retainOnDelete: true, replaceOnChanges: [] }
   */
  guard?: ClaimGuard;
}

export class SharedArtifacts extends pulumi.ComponentResource {
  readonly claimName: pulumi.Output<string>;
  /** Absent when the nodes use an existing claim. */
  readonly claim?: PersistentVolumeClaim;

  constructor(name: string, args: SharedArtifactsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:SharedArtifacts", name, {}, opts);
    const guard = args.guard ?? { protect: true, retainOnDelete: true, replaceOnChanges: [] };
    if (args.claim) this.claim = new PersistentVolumeClaim(name, args.claim, { ...childOptions(this, opts), ...guard });
    this.claimName = pulumi.output(args.claimName);
    this.registerOutputs({ claimName: this.claimName });
  }
}
