/** Every subject the clustering service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const CLUSTERING_SUBJECT_PREFIX = 'cdp.clustering';
