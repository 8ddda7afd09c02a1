import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, type TestGraph } from './helpers.js';

/** What curation records beside relationships: which labels are translations, and the evidence for attributes. */
const SEED = fileURLToPath(new URL('./fixtures/coverage/seed/', import.meta.url));

let graph: TestGraph;
beforeAll(async () => {
  graph = await graphOn(SEED);
});

describe('labels', () => {
  it('marks the curator’s translations, and answers label() with them only when asked', async () => {
    const data = await graph.data(`{
      node(id: "Topic:robotics") {
        ... on Topic {
          labels { language text isTranslation }
          de: label(language: DE)
          fr: label(language: FR)
          frAnyway: label(language: FR, includeTranslations: true)
        }
      }
      accord: node(id: "Agreement:springfield-accord") { ... on Agreement { de: label(language: DE) deAnyway: label(language: DE, includeTranslations: true) } }
    }`);
    expect(data).toEqual({
      node: {
        labels: [
          { language: 'EN', text: 'Robotics', isTranslation: false },
          { language: 'DE', text: 'Robotik', isTranslation: false },
          { language: 'FR', text: 'Robotique', isTranslation: true },
        ],
        de: 'Robotik',
        fr: null,
        frAnyway: 'Robotique',
      },
      accord: { de: null, deAnyway: 'Abkommen von Springfield' },
    });
  });
});

describe('attributeEvidence', () => {
  it('gives the evidence for attributes other than dates, by attribute, with its method and reason', async () => {
    const data = await graph.data(`{
      node(id: "Agreement:springfield-accord") {
        ... on Agreement { kind attributeEvidence { attribute evidence { quote start end method reason } } }
      }
      place: node(id: "Place:springfield") { ... on Place { attributeEvidence { attribute } } }
    }`);
    expect(data).toEqual({
      node: {
        kind: 'JOINT_DECLARATION_OF_INTENT',
        attributeEvidence: [
          {
            attribute: 'kind',
            evidence: [
              {
                quote: 'the Springfield Accord',
                start: 103,
                end: 125,
                method: 'EDITORIAL',
                reason: 'The curator files every accord of the tests as a joint declaration of intent.',
              },
            ],
          },
        ],
      },
      place: { attributeEvidence: [] },
    });
  });
});
