// Each policy of the pack, on resources made here: a violation, in words that say what to do, on a bad
// resource, and none on a good one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  guardedSharedClaims,
  highlyAvailableOutsideDev,
  isDevStack,
  noPasswordInConfigMap,
  POLICIES,
  restrictedPods,
  stackOf,
  stickyIngress,
} from "../policies";
import { configMap, ingress, sharedClaim, statefulSet } from "./resources";

describe("the policies", () => {
  it("pass every good resource", () => {
    for (const good of [statefulSet(), statefulSet("dev"), ingress(), configMap(), sharedClaim()]) {
      assert.deepEqual(
        POLICIES.flatMap((p) => p.check(good)),
        [],
        good.urn,
      );
    }
  });

  it("obkm-no-password-in-configmap: refuses a credentials file and a password in any file", () => {
    assert.deepEqual(noPasswordInConfigMap.check(configMap({ "conf__datasources__master-datasources.xml": "<x/>" })), [
      "ConfigMap obkm-files holds conf__datasources__master-datasources.xml, a file with passwords; put it in a Secret.",
    ]);
    assert.deepEqual(noPasswordInConfigMap.check(configMap({ "other.xml": "<datasource><password>s3cret</password></datasource>" })), [
      "ConfigMap obkm-files holds a datasource password in other.xml; put the file in a Secret.",
    ]);
    assert.equal(noPasswordInConfigMap.check(configMap({ "u.xml": "<AdminUser><Password>pw</Password></AdminUser>" })).length, 1);
    assert.equal(noPasswordInConfigMap.check(configMap({ "u.xml": '<Property name="ConnectionPassword">bind</Property>' })).length, 1);
  });

  it("obkm-two-nodes-outside-dev: refuses one node outside dev, lets dev and dev-* have one", () => {
    const one = statefulSet();
    one.props.spec.replicas = 1;
    assert.deepEqual(highlyAvailableOutsideDev.check(one), [
      "StatefulSet obkm-nodes runs 1 Key Manager node in stack prod; run at least 2 (replicas) outside dev.",
    ]);
    for (const stack of ["dev", "dev-alice"]) {
      const dev = statefulSet(stack);
      dev.props.spec.replicas = 1;
      assert.deepEqual(highlyAvailableOutsideDev.check(dev), [], stack);
    }
  });

  it("obkm-sticky-ingress: refuses an Ingress without cookie affinity, or with ssl-passthrough", () => {
    const bad = ingress();
    bad.props.metadata.annotations = { "nginx.ingress.kubernetes.io/ssl-passthrough": "true" };
    assert.equal(stickyIngress.check(bad).length, 2);
    assert.match(stickyIngress.check(bad)[0], /no cookie affinity/);
    assert.match(stickyIngress.check(bad)[1], /ssl-passthrough/);
  });

  it("obkm-restricted-pods: refuses a container that may run as root, escalate or keep its capabilities", () => {
    const bad = statefulSet();
    bad.props.spec.template.spec.containers[0].securityContext = {};
    delete bad.props.spec.template.spec.securityContext.runAsNonRoot;
    assert.deepEqual(restrictedPods.check(bad), [
      "StatefulSet obkm-nodes: container key-manager may run as root; set runAsNonRoot.",
      "StatefulSet obkm-nodes: container key-manager allows privilege escalation; set allowPrivilegeEscalation: false.",
      "StatefulSet obkm-nodes: container key-manager keeps its capabilities; drop ALL.",
    ]);
  });

  it("obkm-guarded-shared-claims: refuses the shared artifacts claim unprotected", () => {
    assert.deepEqual(guardedSharedClaims.check(sharedClaim(false)), [
      "PersistentVolumeClaim obkm-shared-artifacts holds the shared artifacts but is not protected; keep protectSharedStorage on.",
    ]);
  });

  it("leave other components' objects alone", () => {
    const database = statefulSet();
    database.props.metadata.labels = { "app.kubernetes.io/component": "database" };
    database.props.spec.replicas = 1;
    database.props.spec.template.spec.containers[0].securityContext = {};
    assert.deepEqual(
      POLICIES.flatMap((p) => p.check(database)),
      [],
    );
  });
});

describe("the stack kinds (stack-kinds.json)", () => {
  it("take the stack from a URN, and call dev and dev-* dev stacks, nothing else", () => {
    assert.equal(stackOf("urn:pulumi:dev-alice::obkm::kubernetes:core/v1:ConfigMap::x"), "dev-alice");
    assert.deepEqual(["dev", "dev-alice", "prod", "develop", "staging-dev"].map(isDevStack), [true, true, false, false, false]);
  });
});
