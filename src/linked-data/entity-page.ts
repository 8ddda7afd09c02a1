import { SEED_ATTRIBUTES } from '../generated/catalogue.js';
import type { EvidenceModel, RelationshipModel } from '../store/models.js';
import { isPartialDate } from '../store/models.js';
import type { EntityDescription } from './entity-description.js';

/**
 * The page a browser gets at /entities/{id}: the entity's names, attributes and Wikidata links, and
 * every relationship with the words of the source that support it. Plain HTML with its own small
 * style sheet: no script, nothing from another origin.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:1rem 1.5rem;color:#1d2330}
nav{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem;border-bottom:1px solid #d8dce3;padding-bottom:.5rem}
h1{margin:.8rem 0 0}.kind{color:#5a6272;margin:0 0 1rem}dt{font-weight:600;margin-top:.4rem}dd{margin-left:1.2rem}
ul.relations{list-style:none;padding:0}ul.relations>li{border-top:1px solid #e6e9ee;padding:.6rem 0}
.type{font-family:ui-monospace,monospace;font-size:.85rem;background:#eef1f6;padding:0 .3rem;border-radius:3px}
blockquote{margin:.3rem 0 .1rem 1rem;padding-left:.7rem;border-left:3px solid #9aa7bd;font-style:italic}
.evidence{font-size:.85rem;color:#5a6272;margin-left:1.7rem}a{color:#1f5fbf}`;

const entityLink = (id: string, names: Map<string, string>) => `<a href="/entities/${escapeHtml(id)}">${escapeHtml(names.get(id) ?? id)}</a>`;

function evidenceHtml(evidence: EvidenceModel, names: Map<string, string>): string {
  const method = evidence.method.toLowerCase();
  const detail = [
    `${escapeHtml(names.get(evidence.sourceId) ?? evidence.sourceId)}, characters ${evidence.start}–${evidence.end}, ${escapeHtml(method)}`,
    evidence.reason ? `reason: ${escapeHtml(evidence.reason)}` : '',
    evidence.reference ? `reference: <a href="${escapeHtml(evidence.reference)}" rel="external">${escapeHtml(evidence.reference)}</a>` : '',
    evidence.modality !== 'STATED' ? escapeHtml(evidence.modality.toLowerCase().replace(/_/g, ' ')) : '',
  ].filter(Boolean);
  return `<blockquote>“${escapeHtml(evidence.quote)}”</blockquote><div class="evidence">${detail.join('; ')}</div>`;
}

function relationshipHtml(r: RelationshipModel, selfId: string, names: Map<string, string>): string {
  const ends = r.fromId === selfId ? `this → ${entityLink(r.toId, names)}` : `${entityLink(r.fromId, names)} → this`;
  const properties = [
    r.onBehalfOfId ? `on behalf of ${entityLink(r.onBehalfOfId, names)}` : '',
    r.capacity ? `as ${escapeHtml(r.capacity)}` : '',
    r.role ? `role: ${escapeHtml(r.role)}` : '',
    r.note ? escapeHtml(r.note) : '',
  ].filter(Boolean);
  return `<li><span class="type">${escapeHtml(r.type)}</span> ${ends}${properties.length > 0 ? ` (${properties.join('; ')})` : ''}${r.evidence.map((e) => evidenceHtml(e, names)).join('')}</li>`;
}

function attributesHtml(description: EntityDescription): string {
  const { entity, names } = description;
  const rows: string[] = [];
  if (entity.aliases.length > 0) rows.push(`<dt>Also known as</dt><dd>${entity.aliases.map(escapeHtml).join(', ')}</dd>`);
  for (const label of entity.labels) rows.push(`<dt>Name in ${escapeHtml(label.language)}</dt><dd lang="${label.language.toLowerCase()}">${escapeHtml(label.text)}</dd>`);
  for (const attribute of Object.keys(SEED_ATTRIBUTES[entity.type])) {
    const value = (entity as unknown as Record<string, unknown>)[attribute];
    if (value === null || value === undefined) continue;
    const shown = isPartialDate(value)
      ? `${escapeHtml(value.iso)} (${value.precision.toLowerCase()}${value.isInferred ? ', inferred' : ''})${value.evidence.map((e) => evidenceHtml(e, names)).join('')}`
      : escapeHtml(String(value));
    rows.push(`<dt>${escapeHtml(attribute)}</dt><dd>${shown}</dd>`);
  }
  for (const link of entity.sameAs) {
    rows.push(`<dt>Same as</dt><dd><a href="${escapeHtml(link.uri)}" rel="external">${escapeHtml(link.uri)}</a>${link.evidence.map((e) => evidenceHtml(e, names)).join('')}</dd>`);
  }
  return rows.length > 0 ? `<dl>${rows.join('\n')}</dl>` : '';
}

function page(title: string, nav: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Entente</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<nav>${nav}</nav>
${body}
</body>
</html>
`;
}

function navigation(studio: boolean, id: string | null): string {
  const links = studio ? ['<a href="/">GraphQL IDE</a>', `<a href="/explore${id ? `?id=${encodeURIComponent(id)}` : ''}">Explore the graph</a>`] : [];
  if (id) {
    const here = `/entities/${escapeHtml(id)}`;
    links.push(
      `<a href="${here}?format=jsonld" type="application/ld+json">JSON-LD</a>`,
      `<a href="${here}?format=turtle" type="text/turtle">Turtle</a>`,
      `<a href="/export?neighborhood=${encodeURIComponent(id)}&amp;format=csv&amp;table=relationships" type="text/csv">Neighbourhood as CSV</a>`,
    );
  }
  return links.join('\n');
}

export function entityPage(description: EntityDescription, studio: boolean): string {
  const { entity, outgoing, incoming, names } = description;
  const relationships = [...outgoing, ...incoming];
  const body = `<h1>${escapeHtml(entity.name)}</h1>
<p class="kind">${escapeHtml(entity.type)} · <code>${escapeHtml(entity.id)}</code></p>
${entity.description ? `<p>${escapeHtml(entity.description)}</p>` : ''}
${attributesHtml(description)}
<h2>Relationships (${relationships.length})</h2>
<ul class="relations">
${relationships.map((r) => relationshipHtml(r, entity.id, names)).join('\n')}
</ul>
<h2>Mentions (${entity.mentions.length})</h2>
${entity.mentions.map((e) => evidenceHtml(e, names)).join('\n')}`;
  return page(entity.name, navigation(studio, entity.id), body);
}

export function missingEntityPage(id: string, studio: boolean): string {
  return page('Not found', navigation(studio, null), `<h1>Not found</h1>\n<p>No entity has the id <code>${escapeHtml(id)}</code>. Ids look like <code>Country:germany</code>.</p>`);
}
