import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, type TestGraph } from './helpers.js';

/**
 * "Only what the source says": the evidence filter on relationship lists, relationship filters and
 * evidenceIn, on a fixture where the accord covers robotics and automation (EXTRACTED) and the
 * curator files robotics under automation (EDITORIAL).
 */
const SEED = fileURLToPath(new URL('./fixtures/coverage/seed/', import.meta.url));

let graph: TestGraph;
beforeAll(async () => {
  graph = await graphOn(SEED);
});

describe('the evidence filter', () => {
  it('lists only the relationships the source states when asked for EXTRACTED evidence', async () => {
    const data = await graph.data(`{
      node(id: "Topic:robotics") {
        ... on Topic {
          all: relations { totalCount nodes { type evidence { method } } }
          stated: relations(evidence: { method: { equals: EXTRACTED } }) { totalCount nodes { type evidence { method } } }
          broader { totalCount }
          statedBroader: broader(evidence: { method: { equals: EXTRACTED } }) { totalCount nodes { name } }
          editorialBroader: broader(evidence: { method: { in: [EDITORIAL, INFERRED] } }) { totalCount nodes { name } }
        }
      }
    }`);
    expect(data).toEqual({
      node: {
        all: {
          totalCount: 2,
          nodes: [
            { type: 'COVERS', evidence: [{ method: 'EXTRACTED' }] },
            { type: 'BROADER_THAN', evidence: [{ method: 'EDITORIAL' }] },
          ],
        },
        stated: { totalCount: 1, nodes: [{ type: 'COVERS', evidence: [{ method: 'EXTRACTED' }] }] },
        broader: { totalCount: 1 },
        statedBroader: { totalCount: 0, nodes: [] },
        editorialBroader: { totalCount: 1, nodes: [{ name: 'Automation' }] },
      },
    });
  });

  it('counts only relationships whose evidence meets it in relation filters: some, none and count', async () => {
    const data = await graph.data(`{
      anyBroader: topics(filter: { broader: { count: { gte: 1 } } }) { nodes { name } }
      statedBroader: topics(filter: { broader: { count: { gte: 1 }, evidence: { method: { equals: EXTRACTED } } } }) { nodes { name } }
      editorialNarrower: topics(filter: { narrower: { some: { name: { equals: "robotics" } }, evidence: { method: { equals: EDITORIAL } } } }) { nodes { name } }
      noStatedNarrower: topics(filter: { narrower: { none: {}, evidence: { method: { equals: EXTRACTED } } } }) { nodes { name } }
    }`);
    expect(data).toEqual({
      anyBroader: { nodes: [{ name: 'Robotics' }] },
      statedBroader: { nodes: [] },
      editorialNarrower: { nodes: [{ name: 'Automation' }] },
      noStatedNarrower: { nodes: [{ name: 'Automation' }, { name: 'Robotics' }] },
    });
  });

  it('keeps only extracted facts of a span in evidenceIn when asked', async () => {
    const query = `query ($evidence: EvidenceFilter) {
      evidenceIn(source: "Source:springfield-report", start: 127, end: 169, evidence: $evidence) { kind subject { id } evidence { method } }
    }`;
    const all = await graph.data(query);
    const stated = await graph.data(query, { evidence: { method: { equals: 'EXTRACTED' } } });
    expect(all.evidenceIn.map((fact: any) => fact.evidence.method)).toEqual(['EXTRACTED', 'EXTRACTED', 'EXTRACTED', 'EXTRACTED', 'EDITORIAL', 'EXTRACTED']);
    expect(stated).toEqual({
      evidenceIn: [
        { kind: 'MENTION', subject: { id: 'Agreement:springfield-accord' }, evidence: { method: 'EXTRACTED' } },
        { kind: 'RELATIONSHIP', subject: { id: 'Relationship:Agreement:springfield-accord>COVERS>Topic:robotics' }, evidence: { method: 'EXTRACTED' } },
        { kind: 'RELATIONSHIP', subject: { id: 'Relationship:Agreement:springfield-accord>COVERS>Topic:automation' }, evidence: { method: 'EXTRACTED' } },
        { kind: 'MENTION', subject: { id: 'Topic:robotics' }, evidence: { method: 'EXTRACTED' } },
        { kind: 'MENTION', subject: { id: 'Topic:automation' }, evidence: { method: 'EXTRACTED' } },
      ],
    });
  });

  it('matches nothing when equals and in leave no method', async () => {
    const data = await graph.data('{ node(id: "Topic:robotics") { ... on Topic { relations(evidence: { method: { equals: EXTRACTED, in: [EDITORIAL] } }) { totalCount } } } }');
    expect(data).toEqual({ node: { relations: { totalCount: 0 } } });
  });
});
