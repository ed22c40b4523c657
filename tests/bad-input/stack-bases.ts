// The two stacks the property run (tests/property-oracle.test.ts) plans each value on: a dev stack, and a
// stack of the other kind, where the rules only a dev stack is spared apply (config/stack-kinds.json decides
// which is which). The other kind's base is the least a stack other than dev sets, in the prod example's
// ways (Pulumi.prod.yaml: a named cluster, images pinned by digest, the bank's signing keystore, the bundled
// templates said knowingly, a forward proxy to the internet), on the dev stack's MySQL, whose driver's rules the
// families' values and the oracles are written for.
import { INTERNET_BY_PROXY, MINIMAL_SETTINGS } from "../helpers/cli-config";

export interface StackBase {
  /** The stack's name, which decides its kind. */
  stack: string;
  /** The settings every value of the run on it is planned with (full key to text). */
  settings: Readonly<Record<string, string>>;
}

/** An image reference pinned by a digest (name@sha256: and 64 hex digits). */
export const pinned = (name: string, digit: string) => `${name}@sha256:${digit.repeat(64)}`;

export const DEV_BASE: StackBase = { stack: "dev", settings: MINIMAL_SETTINGS };

export const NON_DEV_BASE: StackBase = {
  stack: "prod",
  settings: {
    ...MINIMAL_SETTINGS,
    "obkm:cluster.context": "prod-eu-west-1",
    "obkm:cluster.identifier": "arn:aws:eks:eu-west-1:111122223333:cluster/obkm-prod",
    // Every image a stack other than dev runs is pinned by digest; the provisioned database's too, for the
    // values that turn database.provision on (idle, with a warning, on the others).
    "obkm:image": pinned("r.example/obkm:1.4.0", "1"),
    "obkm:openBanking.editorImage": pinned("registry.bank.example/mirror/node:24.19.0-alpine", "2"),
    "obkm:database.provisionImage": pinned("registry.bank.example/mirror/mysql:8.4.3", "4"),
    "obkm:keystores.signing.secret": "obkm-signing-keystore",
    "obkm:keystores.signing.alias": "ob-signing",
    "obkm:keystores.signing.kid": "ob-signing-2026",
    "obkm:acceptBundledTemplates": "true",
    ...INTERNET_BY_PROXY,
  },
};

/** What a value of the networkPolicy or JWKS keys is planned with on the other kind: no proxy, so that the value alone decides the way out. */
export const NO_PROXY: Readonly<Record<string, string>> = { "obkm:httpProxy.host": "", "obkm:httpProxy.port": "0" };
