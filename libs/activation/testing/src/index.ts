// Protocol peers for activation's tests and benches: real servers on loopback that speak each
// provider's published API, so adapters are tested over the wire, never against mocks.
export * from './smtp-receiver.js';
export * from './twilio-server.js';
export * from './segment-receiver.js';
export * from './web-push-endpoint.js';
export * from './fcm-server.js';
export * from './webhook-receiver.js';
