export * from './ad-feeds.subjects.js';
export * from './partners.schemas.js';
