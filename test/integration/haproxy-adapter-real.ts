// Moved to test/support/real-haproxy.ts; kept so existing imports keep working.
export { haproxyAvailable, HAPROXY_BINARY, startRealHaproxy, type RealBackendSpec, type RealServerSpec, type RealHaproxy } from '../support/real-haproxy';
