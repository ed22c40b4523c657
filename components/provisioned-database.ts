// A dev stack's own database (database.provision): the server, its Service, and a Job that creates the
// KM's schemas before the first node starts. Production points at an external HA database instead.
import { StatefulSet } from "@pulumi/kubernetes/apps/v1/statefulSet";
import { Job } from "@pulumi/kubernetes/batch/v1/job";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import { Service } from "@pulumi/kubernetes/core/v1/service";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import type { ProvisionedDatabase as DatabasePlan } from "../plan/database/provision";

export interface ProvisionedDatabaseArgs {
  /** The plan's database: its init scripts, Service, server and schema Job. */
  database: DatabasePlan;
  /** The Secret of the passwords the server and the schema Job read (DatabaseCredentials.credentialsSecret). */
  credentialsSecret: pulumi.Input<pulumi.Resource>;
}

export class ProvisionedDatabase extends pulumi.ComponentResource {
  /** Done when the schemas exist: the nodes start after it. */
  readonly schemas: Job;

  constructor(name: string, args: ProvisionedDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:ProvisionedDatabase", name, {}, opts);
    const { database } = args;
    const init = new ConfigMap(`${name}-init`, database.initConfigMap, childOptions(this, opts));
    new Service(`${name}-service`, database.service, childOptions(this, opts));
    const server = new StatefulSet(`${name}-server`, database.statefulSet, childOptions(this, opts, init, args.credentialsSecret));
    this.schemas = new Job(`${name}-schemas`, database.schemaJob, childOptions(this, opts, server, init, args.credentialsSecret));
    this.registerOutputs({ schemas: this.schemas });
  }
}
