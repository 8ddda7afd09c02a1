import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, parse, type Color } from 'culori';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../src/store/models.js';
import { ENTITY_STYLES } from '../src/studio/entity-styles.js';

// Machado, Oliveira and Fernandes' (2009) simulations at full severity, as culori implements them.
const VISIONS: Record<string, (color: Color) => Color> = {
  normal: (color) => color,
  protanopia: filterDeficiencyProt(1),
  deuteranopia: filterDeficiencyDeuter(1),
  tritanopia: filterDeficiencyTrit(1),
};
const difference = differenceCiede2000();
/** Two colours this far apart (CIEDE2000) are told apart at a glance, not only side by side. */
const SMALLEST_DIFFERENCE = 10;

describe('the graph picture’s entity styles', () => {
  it('give every entity type its own shape and its own colour', () => {
    expect(Object.keys(ENTITY_STYLES).sort()).toEqual([...ENTITY_TYPES].sort());
    const styles = Object.values(ENTITY_STYLES).filter((style) => style !== undefined);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.color.toLowerCase())).size).toBe(styles.length);
  });

  it('keep every two colours apart in normal vision and in protanopia, deuteranopia and tritanopia', () => {
    const styles = Object.values(ENTITY_STYLES).filter((style) => style !== undefined);
    const tooClose: string[] = [];
    for (const [vision, simulate] of Object.entries(VISIONS)) {
      for (let i = 0; i < styles.length; i++) {
        for (let j = i + 1; j < styles.length; j++) {
          const d = difference(simulate(parse(styles[i]!.color)!), simulate(parse(styles[j]!.color)!));
          if (d < SMALLEST_DIFFERENCE) tooClose.push(`${styles[i]!.label} / ${styles[j]!.label} in ${vision}: ${d.toFixed(1)}`);
        }
      }
    }
    expect(tooClose).toEqual([]);
  });
});
