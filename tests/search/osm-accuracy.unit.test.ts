/**
 * Accuracy floor on the 698 OSM address points, with the real gazetteer from the shared data folder
 * (DATA_DIR overrides). Most points carry only a house number and street, so the ceiling from text
 * alone is far below 100 %; the floors hold the measured figures so they cannot silently drop.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadOsmLines } from '../../bench/parser-eval.js';
import { buildGazetteer } from '../../server/search/gazetteer.js';
import { loadGazetteerInput } from '../../server/search/gazetteer-source.js';

const dataDir = process.env.DATA_DIR ?? path.resolve(import.meta.dirname, '../../../shared/data');

describe('parser accuracy on OSM address points', async () => {
  const gazetteer = buildGazetteer(await loadGazetteerInput(dataDir));
  const lines = await loadOsmLines(dataDir);

  it('resolves every crosswalk row to a 2025 ward', () => {
    expect(gazetteer.unresolvedMappings).toBe(0);
  });

  it('keeps the share of points resolved to their 2025 ward', () => {
    expect(lines).toHaveLength(698);
    expect(evaluate(lines, gazetteer).accuracy).toBeGreaterThanOrEqual(0.19);
  });

  it('keeps the share on points whose line names an administrative unit', () => {
    expect(
      evaluate(
        lines.filter((l) => l.namesUnit),
        gazetteer,
      ).accuracy,
    ).toBeGreaterThanOrEqual(0.58);
  });
});
