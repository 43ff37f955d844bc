/** Every subject the gateway service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const GATEWAY_SUBJECT_PREFIX = 'cdp.gateway';
