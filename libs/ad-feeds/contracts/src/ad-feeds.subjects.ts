/** Every subject the ad-feeds service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const AD_FEEDS_SUBJECT_PREFIX = 'cdp.ad-feeds';
