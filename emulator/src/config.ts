// Where the emulator finds the project: the database configuration as code and the built functions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CollectionConfig } from './database';

// Sources sit in emulator/src/, the build in build/emulator/: both two levels below the project root.
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const root = PROJECT_ROOT;

export const DEFAULT_FUNCTIONS_DIR = path.join(root, 'cloudfunctions');
export const DATABASE_CONFIG_FILE = path.join(root, 'database', 'collections.json');
export const DEFAULT_DATA_DIR = path.join(root, '.cloudbase');
export const MINIPROGRAM_APP_JSON = path.join(root, 'miniprogram', 'app.json');

/** Every page of the mini-program (main package and subpackages), as WeChat knows them from app.json. */
export function loadMiniprogramPages(file = MINIPROGRAM_APP_JSON): string[] {
  if (!fs.existsSync(file)) return [];
  const app = JSON.parse(fs.readFileSync(file, 'utf8')) as { pages?: string[]; subpackages?: SubPackage[]; subPackages?: SubPackage[] };
  const sub = (app.subpackages ?? app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/+$/, '')}/${page}`));
  return [...(app.pages ?? []), ...sub];
}

interface SubPackage {
  root: string;
  pages: string[];
}

export function loadCollections(file = DATABASE_CONFIG_FILE): CollectionConfig[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections: CollectionConfig[] };
  return parsed.collections;
}
