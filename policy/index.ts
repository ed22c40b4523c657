// The obkm policy pack: `pulumi preview --policy-pack policy` checks every resource of a stack against the
// policies in policies.ts, each mandatory, so a preview that breaks one fails. The PolicyPack serves them
// to the engine over gRPC, at package.json's version (@pulumi/policy 1.21.0 policy.ts, server.ts).
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("obkm", {
  policies: POLICIES.map((policy) => ({
    name: policy.name,
    description: policy.description,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      const resource = { type: args.type, name: args.name, urn: args.urn, props: args.props, protect: args.opts.protect };
      for (const violation of policy.check(resource)) reportViolation(violation);
    },
  })),
});
