/** Every subject the activation service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const ACTIVATION_SUBJECT_PREFIX = 'cdp.activation';
