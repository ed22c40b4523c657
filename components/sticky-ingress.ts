// The load-balancer edge: ingress-nginx Ingresses with cookie affinity, so a browser's session stays on
// its node; the management console on an Ingress of its own where its sources are restricted.
import { Ingress } from "@pulumi/kubernetes/networking/v1/ingress";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import type { IngressManifest } from "../plan/types";

export interface StickyIngressArgs {
  /** The public Ingress, with the sticky-cookie annotations. */
  ingress: IngressManifest;
  /**
   * The management console's own Ingress, restricted to its source ranges.
   * @default none: the console is served by the public Ingress
   */
  consoleIngress?: IngressManifest;
}

export class StickyIngress extends pulumi.ComponentResource {
  readonly ingress: Ingress;

  constructor(name: string, args: StickyIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:StickyIngress", name, {}, opts);
    this.ingress = new Ingress(name, args.ingress, childOptions(this, opts));
    if (args.consoleIngress) new Ingress(`${name}-console`, args.consoleIngress, childOptions(this, opts));
    this.registerOutputs({ ingress: this.ingress });
  }
}
