// Config keys of WSO2's Open Banking BI server (OBBI), which the KM calls when the user's open-banking.xml turns
// data publishing, transaction risk analysis (TRA) or fraud detection on (BIServer/DataPublishing/Enabled,
// TRA/IsEnabled, FraudDetection/IsEnabled). The stack deploys no BI server: these keys name the bank's, so that
// plan/bi-server.ts points open-banking.xml's BI URLs at it and the NetworkPolicy lets the nodes out to it.
//
// The ports are WSO2's, read in wso2/docker-open-banking 1.4.x: obkm/*/repository/conf/finance/open-banking.xml
// names {tcp://obbi:7612} (data publishing, Thrift), http://obbi:8007 (the TRA and fraud-detection receivers)
// and http://obbi:8006 (invalid submissions); docker-compose/obam-obkm-with-obbi/obbi/conf/worker/deployment.yaml
// runs the worker at port offset 1 with Thrift's tcpPort 7611 and sslPort 7711, so 7612 and 7712.
import { z } from "zod";
import type { KeySpec } from "./key-spec";
import * as rules from "./rules";

export const biServerKeys = {
  "biServer.host": {
    type: "string",
    default: "",
    description:
      "Host name or IP address of your OB BI server (its worker), which the KM calls when your open-banking.xml turns data publishing, TRA or fraud detection on. Its BI URLs (WSO2's obbi, obbi-worker or localhost) are pointed here, keeping their paths, and the NetworkPolicy lets the nodes out to its ports. Empty: no BI server; a stack whose open-banking.xml turns one of them on is refused.",
    rule: rules.emptyOr(
      z.string().refine(rules.isHostOrIp),
      "empty (no BI server) or the BI server's fully qualified host name in lower case, such as obbi.bank.internal, or its IP address",
    ),
  },
  "biServer.dataPublishingPort": {
    type: "integer",
    default: 7612,
    description:
      "The BI server's Thrift port for data publishing (open-banking.xml's BIServer/DataPublishing/ServerURL, 7612 in WSO2's set-up). The data agent also authenticates on this port plus 100 (7712), which the NetworkPolicy lets out too.",
    rule: rules.integer(1, 65435),
  },
  "biServer.receiverPort": {
    type: "integer",
    default: 8007,
    description: "The BI server's HTTP port of the TRA and fraud-detection receivers (8007 in WSO2's set-up).",
    rule: rules.integer(1, 65535),
  },
  "biServer.invalidSubmissionsPort": {
    type: "integer",
    default: 8006,
    description: "The BI server's HTTP port of the invalid-submissions receiver, part of fraud detection (8006 in WSO2's set-up).",
    rule: rules.integer(1, 65535),
  },
} satisfies Record<string, KeySpec>;
