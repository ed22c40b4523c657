// The prod example, as this issue leaves it (Pulumi.prod.yaml): the PSU-facing certificate from a publicly
// trusted issuer, the nodes' from the bank's internal CA, and the outputs the API Manager's stack reads without
// any path of the KM's pods.
import { plannedOf } from "./helpers/plan";

describe("the prod example's certificates", () => {
  it("asks a public ACME issuer for the Ingress's certificate, the internal CA for the nodes', and trusts both", () => {
    const { config, plan } = plannedOf([]);
    expect(config.ingress.tls).toEqual({ source: "cert-manager", clusterIssuer: "letsencrypt-prod" });
    expect(plan.keystores.certificate!.spec.issuerRef).toMatchObject({ name: "bank-internal-ca", kind: "ClusterIssuer" });
    expect(config.keystores.trust.caBundles.map((b) => b.name)).toEqual(["bank-internal-ca", "public-ca-roots"]);
  });
});

describe("the outputs the API Manager's stack reads", () => {
  it("names the nodes' CA (the Certificate's Secret and its ca.crt) when cert-manager issues their certificate, and nothing on a stack whose keys are its own", () => {
    const prod = plannedOf([]).plan.outputs;
    expect(prod.kmCa).toEqual({ namespace: "openbanking-km", name: "obkm-km-node-tls", key: "ca.crt" });
    expect(plannedOf([], "dev").plan.outputs.kmCa).toBeUndefined();
  });

  it("gives the shared databases' URLs without the KM pods' paths, and names the database's CA apart", () => {
    const shared = plannedOf([]).plan.outputs.sharedDatabases;
    for (const ds of Object.values(shared.datasources)) {
      expect(ds.url).toMatch(/^jdbc:postgresql:\/\/obkm-db\.pg\.bank\.example:5432\/[a-z_]+\?sslmode=verify-full$/);
      expect(ds.url).not.toContain("/opt/obkm-keys");
    }
    expect(shared.ca).toEqual({ namespace: "openbanking-km", kind: "configMap", name: "bank-internal-ca", key: "ca.crt" });
  });
});
