// cluster-svc as a library: the service definition (with a replaceable source of member credentials), for the
// benchmarks and tests that run it in-process.
export { clusterService, defineClusterService } from './service.js';
export { MEMBER_CREDENTIALS, type CredentialsLookup, type MemberCredentialsSource } from './members/member-credentials.js';
