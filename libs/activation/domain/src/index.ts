// Activation logic (issue #9): the audience rule language, and the campaign policies checked before a send.
export * from './audience-rules.js';
export * from './campaign-policy.js';
export * from './twilio-signature.js';
export * from './webhook-signature.js';
