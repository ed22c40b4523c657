// The stack's credentials: supplied ones (Pulumi secrets from config) and generated ones. A generated
// password is a RandomPassword, kept in the stack's state across `pulumi up`s and generated anew only when
// credentialRotation changes (it is the resource's keeper).
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DATASOURCE_KEYS, DatasourceKey } from "../config/database-keys";
import { ObkmConfig, SecretValues } from "../config/load";
import { Credentials as PlainCredentials } from "../plan/credentials";
import { Plan } from "../plan";

export interface CredentialsArgs {
  config: ObkmConfig;
  plan: Plan;
  /** Supplied values, already wrapped as secrets by the caller. */
  supplied: { [K in keyof SecretValues]: K extends "datasourcePasswords" ? Partial<Record<DatasourceKey, pulumi.Output<string>>> : pulumi.Output<string> | undefined };
}

export class Credentials extends pulumi.ComponentResource {
  /** Every credential, plain inside, secret outside. */
  readonly values: pulumi.Output<PlainCredentials>;

  constructor(name: string, args: CredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:Credentials", name, {}, opts);
    const { config, plan, supplied } = args;
    const keepers = { rotation: config.credentialRotation };
    // No quote, backslash, '$', '&' or '<': a generated password stays easy to pass through a shell or a
    // URL; supplied ones may hold anything and are escaped where they are written.
    const generate = (id: string) =>
      pulumi.secret(new random.RandomPassword(id, { length: 32, special: true, overrideSpecial: "!#%*+-=_.:", minLower: 2, minUpper: 2, minNumeric: 2, keepers }, { parent: this }).result);

    const want = plan.generatedPasswords;
    const databasePassword = supplied.databasePassword ?? (want.database ? generate("database-password") : undefined);
    const datasourcePasswords = Object.fromEntries(
      DATASOURCE_KEYS.map((d) => [d, supplied.datasourcePasswords[d] ?? databasePassword ?? pulumi.output("")]),
    ) as Record<DatasourceKey, pulumi.Output<string>>;

    this.values = pulumi.secret(
      pulumi
        .all({
          datasourcePasswords: pulumi.all(datasourcePasswords),
          adminPassword: supplied.adminPassword ?? generate("admin-password"),
          ldapBindPassword: supplied.ldapBindPassword ?? pulumi.output(undefined),
          databaseRootPassword: want.databaseRoot ? generate("database-root-password") : pulumi.output(undefined),
          revisionKey: generate("revision-key"),
        })
        .apply(
          (c): PlainCredentials => ({
            datasourcePasswords: c.datasourcePasswords as Record<DatasourceKey, string>,
            adminPassword: c.adminPassword as string,
            ldapBindPassword: c.ldapBindPassword as string | undefined,
            databaseRootPassword: c.databaseRootPassword as string | undefined,
            revisionKey: c.revisionKey as string,
          }),
        ),
    );
    this.registerOutputs({});
  }
}
