import Mustache from 'mustache';
import type { OutboundMessage } from './destination.js';

/** Thrown when a template does not render; the send fails without retry (the template must change). */
export class TemplateError extends Error {}

/**
 * Renders one template string over the recipient's fields: `{{traits.first_name}}`,
 * `{{features.intent.clicks_7d}}` is not a path Mustache can walk (the feature name has dots), so
 * features are also offered with dots as underscores: `{{features.intent_clicks_7d}}`.
 * `html` escapes HTML (email bodies); plain text (subjects, SMS, push) is not escaped.
 */
export function renderTemplate(template: string, message: OutboundMessage, html = false): string {
  const features: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(message.recipient.features)) {
    features[name.replace(/\./g, '_')] = value;
  }
  const view = {
    profileId: message.recipient.profileId,
    traits: message.recipient.traits,
    features,
    scores: message.recipient.scores,
    audience: message.audience,
    campaign: message.campaign,
    links: message.links,
  };
  try {
    return html
      ? Mustache.render(template, view)
      : Mustache.render(template, view, undefined, { escape: (value: unknown) => String(value) });
  } catch (error) {
    throw new TemplateError(`The template does not render: ${(error as Error).message}`);
  }
}
