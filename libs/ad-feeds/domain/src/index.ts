// Ad-platform feeds and real-time OpenRTB segment lookups (issue #10): identifier normalisation and
// hashing per partner, privacy floors and pseudonyms, the OpenRTB shapes we read and write, the
// in-memory segment index, and the IAB Audience Taxonomy.
export * from './iab-taxonomy.js';
export * from './identifiers.js';
export * from './openrtb.js';
export * from './privacy.js';
export * from './segment-index.js';
