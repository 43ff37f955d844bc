/** Every subject the feature-store service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const FEATURE_STORE_SUBJECT_PREFIX = 'cdp.feature-store';
