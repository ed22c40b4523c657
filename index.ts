// Entry point of `pulumi up`: plan from the stack's config, create the cluster, export what an API Manager
// stack needs to reach it (through a StackReference).
import { deploy, planStack } from "./program";

const { outputs } = deploy(planStack());

export const namespace = outputs.namespace;
export const hostname = outputs.hostname;
export const publicUrl = outputs.publicUrl;
export const apimHostname = outputs.apimHostname;
export const apiManagerConfigMap = outputs.apiManagerConfigMap;
export const apiManagerSecret = outputs.apiManagerSecret;
export const serviceDnsName = outputs.serviceDnsName;
export const httpsPort = outputs.httpsPort;
export const httpPort = outputs.httpPort;
export const statefulSetName = outputs.statefulSetName;
export const hazelcastDomain = outputs.hazelcastDomain;
export const wellKnownMembers = outputs.wellKnownMembers;
export const sharedDatabases = outputs.sharedDatabases;
export const kmAdmin = outputs.kmAdmin;
export const apiManagerCalls = outputs.apiManagerCalls;
export const kmCa = outputs.kmCa;
