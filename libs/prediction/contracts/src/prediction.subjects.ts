/** Every subject the prediction service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const PREDICTION_SUBJECT_PREFIX = 'cdp.prediction';
