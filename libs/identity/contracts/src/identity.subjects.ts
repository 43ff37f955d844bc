/** Every subject the identity service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const IDENTITY_SUBJECT_PREFIX = 'cdp.identity';
