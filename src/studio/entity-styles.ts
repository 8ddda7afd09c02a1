import type { EntityTypeName } from '../store/models.js';

/** How the graph picture draws one entity type: a shape and a colour, each unique to the type. */
export interface EntityStyle {
  /** The type as the API's EntityType enum names it, such as `PERSON`. */
  code: string;
  label: string;
  /** A cytoscape node shape. */
  shape: string;
  /** The fill, as #rrggbb. */
  color: string;
  /** The shape's outline for the legend: points in a 2×2 box centred on 0, or null for a circle. */
  outline: ReadonlyArray<readonly [number, number]> | null;
}

const regular = (sides: number): Array<[number, number]> =>
  Array.from({ length: sides }, (_, i) => {
    const angle = (2 * Math.PI * i) / sides - Math.PI / 2;
    return [Math.cos(angle), Math.sin(angle)];
  });
const star = (): Array<[number, number]> =>
  Array.from({ length: 10 }, (_, i) => {
    const angle = (Math.PI * i) / 5 - Math.PI / 2;
    const radius = i % 2 === 0 ? 1 : 0.42;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  });

// Colours: Okabe and Ito's palette for colour-blind readers (seven colours; black left out), Paul
// Tol's indigo and wine, and two greys. tests/studio-palette.test.ts checks every pair differs by at
// least 10 CIEDE2000 units in normal vision and in simulated protanopia, deuteranopia and tritanopia.
// Shapes are distinct as silhouettes, so a type is told apart without its colour too. A type declared
// without a style here still typechecks and is drawn as a grey circle; the palette test names it.
export const ENTITY_STYLES: Readonly<Partial<Record<EntityTypeName, EntityStyle>>> = {
  Agreement: { code: 'AGREEMENT', label: 'Agreement', shape: 'diamond', color: '#CC79A7', outline: [[0, -1], [1, 0], [0, 1], [-1, 0]] },
  Country: { code: 'COUNTRY', label: 'Country', shape: 'hexagon', color: '#0072B2', outline: regular(6) },
  Event: { code: 'EVENT', label: 'Event', shape: 'star', color: '#009E73', outline: star() },
  Office: { code: 'OFFICE', label: 'Office', shape: 'tag', color: '#882255', outline: [[-1, -0.8], [0.3, -0.8], [1, 0], [0.3, 0.8], [-1, 0.8]] },
  Organization: { code: 'ORGANIZATION', label: 'Organization', shape: 'rectangle', color: '#555555', outline: [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]] },
  Person: { code: 'PERSON', label: 'Person', shape: 'ellipse', color: '#E69F00', outline: null },
  Place: { code: 'PLACE', label: 'Place', shape: 'triangle', color: '#56B4E9', outline: [[0, -1], [1, 0.9], [-1, 0.9]] },
  Policy: { code: 'POLICY', label: 'Policy', shape: 'rhomboid', color: '#332288', outline: [[-1, -0.8], [0.4, -0.8], [1, 0.8], [-0.4, 0.8]] },
  Product: { code: 'PRODUCT', label: 'Product', shape: 'pentagon', color: '#D55E00', outline: regular(5) },
  Source: { code: 'SOURCE', label: 'Source', shape: 'vee', color: '#BBBBBB', outline: [[-1, -1], [0, -0.3], [1, -1], [0, 1]] },
  Topic: { code: 'TOPIC', label: 'Topic', shape: 'concave-hexagon', color: '#F0E442', outline: [[-1, -0.9], [1, -0.9], [0.7, 0], [1, 0.9], [-1, 0.9], [-0.7, 0]] },
};

/** A small inline SVG of a type's shape in its colour, for legends and lists. */
export function entitySymbol(style: EntityStyle): string {
  const size = 14;
  const half = size / 2;
  const point = ([x, y]: readonly [number, number]) => `${(half + x * (half - 1)).toFixed(2)},${(half + y * (half - 1)).toFixed(2)}`;
  const shape = style.outline
    ? `<polygon points="${style.outline.map(point).join(' ')}"/>`
    : `<circle cx="${half}" cy="${half}" r="${half - 1}"/>`;
  return `<svg class="symbol" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true" fill="${style.color}" stroke="#1a202c" stroke-width="1">${shape}</svg>`;
}
