// The spatial structure behind a 2dsphere index: a fixed grid of CELL_DEG × CELL_DEG cells (lat, lng), each a set
// of document ids, kept in step with the documents like the sorted indexes. A geo query reads only the cells its
// bound can reach; the operators in geo.ts still decide every match, so the grid can change the work, never a
// result. Bounds are lat/lng boxes; one crossing the antimeridian is split in two (no fallback to a full read).
import { resolve } from 'mingo/util';
import type { AnyObject } from 'mingo/types/types';
import { isPlainObject, type Doc } from './codec';
import { distanceMeters, EARTH_RADIUS_M, parseCenterSphere, parseNear, pointOf, shapesOf, type LngLat, type Shapes } from './geo';

/** Cell size in degrees: 0.05° of latitude ≈ 5.6 km. */
export const CELL_DEG = 0.05;
const RAD = Math.PI / 180;
/** Bounds are widened by this much so rounding, and the 1e-12 edge tolerance of the polygon tests, lose no match. */
const MARGIN_DEG = 1e-9;
/** Cell keys are numbers: row and column shifted to be non-negative (rows ≤ ±1800, columns ≤ ±3600). */
const ROW_SHIFT = 4000;
const COL_SHIFT = 5000;
const COL_SPAN = 10000;
/** Nearest-first reads widen their ring from this width, doubling, until the k wanted are inside. */
const FIRST_RADIUS_M = 100;
/**
 * Finer grids for nearest-first reads, each cell half the size of the last (CELL_DEG / 2^level, down to about 11 m),
 * so a ring is read in cells about its own width, as a 2dsphere index covers an annulus with S2 cells of a level
 * that fits it: what a page reads then depends on the projects near the ring, not on how dense the whole grid is.
 */
const FINE_LEVELS = 9;
/** A ring's cells are at least this fraction of its outer radius, so a thin ring far out stays a few thousand cells. */
const MAX_CELLS_ACROSS = 64;
const METRES_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const fineKey = (row: number, col: number): number => (row + 2_000_000) * 4_000_000 + (col + 2_000_000);

/** A lat/lng box in degrees; west ≤ east (a box never wraps: see capBoxes). */
export interface Box {
  south: number;
  north: number;
  west: number;
  east: number;
}

/** What a nearest-first read needs: `rank` gives a document's sort distance if it is a wanted result. */
export interface NearestHint {
  field: string;
  center: LngLat;
  /** How many results are wanted (skip + limit). */
  k: number;
  rank: (id: string) => number | undefined;
}

const rowOf = (lat: number): number => Math.floor(lat / CELL_DEG);
const colOf = (lng: number): number => Math.floor(lng / CELL_DEG);
const keyOf = (row: number, col: number): number => (row + ROW_SHIFT) * COL_SPAN + col + COL_SHIFT;
const inWorld = (p: LngLat): boolean => Math.abs(p[1]) <= 90 && Math.abs(p[0]) <= 180; // false for NaN

/**
 * The points a document is filed under: [] when it has no value (no geo operator can match a missing or null
 * field, so it needs no entry), null when the value is anything but in-range points (it goes to "other").
 */
function filedPoints(doc: Doc, field: string): LngLat[] | null {
  const v = resolve(doc as AnyObject, field);
  if (v === undefined || v === null) return [];
  const one = pointOf(v);
  const points = one ? [one] : Array.isArray(v) && v.length > 0 ? v.map(pointOf) : [null];
  return points.every((p): p is LngLat => p !== null && inWorld(p)) ? points : null;
}

interface CellRange {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** The cells a box covers, clipped to the world; null when it covers none. */
function cellRange(b: Box): CellRange | null {
  const south = Math.max(-90, b.south);
  const north = Math.min(90, b.north);
  const west = Math.max(-180, b.west);
  const east = Math.min(180, b.east);
  if (!(south <= north && west <= east)) return null;
  return { r0: rowOf(south), r1: rowOf(north), c0: colOf(west), c1: colOf(east) };
}

export class GeoGrid {
  private readonly cells = new Map<number, Set<string>>();
  /**
   * Documents whose value is not a point or a list of in-range points (a LineString, a Polygon, [200, 10], …).
   * Few in practice; every grid read includes them all and the exact test decides.
   */
  private readonly other = new Set<string>();

  /** fine[level - 1]: cell key → ids at CELL_DEG / 2^level (see FINE_LEVELS). */
  private readonly fine: Map<number, Set<string>>[] = Array.from({ length: FINE_LEVELS }, () => new Map());

  constructor(readonly field: string) {}

  clear(): void {
    this.cells.clear();
    this.other.clear();
    for (const level of this.fine) level.clear();
  }

  private fineCells(points: LngLat[]): Array<[Map<number, Set<string>>, Set<number>]> {
    return this.fine.map((cells, i) => {
      const size = CELL_DEG / 2 ** (i + 1);
      return [cells, new Set(points.map(([lng, lat]) => fineKey(Math.floor(lat / size), Math.floor(lng / size))))];
    });
  }

  add(id: string, doc: Doc): void {
    const points = filedPoints(doc, this.field);
    if (points === null) {
      this.other.add(id);
      return;
    }
    for (const [cells, keys] of [[this.cells, cellKeys(points)] as const, ...this.fineCells(points)]) {
      for (const key of keys) {
        let ids = cells.get(key);
        if (!ids) cells.set(key, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  /** Undo add(id, doc): `doc` is the version that was added. */
  remove(id: string, doc: Doc): void {
    const points = filedPoints(doc, this.field);
    if (points === null) {
      this.other.delete(id);
      return;
    }
    for (const [cells, keys] of [[this.cells, cellKeys(points)] as const, ...this.fineCells(points)]) {
      for (const key of keys) {
        const ids = cells.get(key);
        ids?.delete(id);
        if (ids?.size === 0) cells.delete(key);
      }
    }
  }

  /** Every id the grid holds (tests check it stays in step with the documents). */
  ids(): Set<string> {
    const out = new Set(this.other);
    for (const ids of this.cells.values()) for (const id of ids) out.add(id);
    return out;
  }

  /** Ids filed in a cell any box touches, plus "other". */
  within(boxes: Box[]): Set<string> {
    const out = new Set(this.other);
    const take = (ids: Set<string> | undefined): void => ids?.forEach((id) => out.add(id));
    const ranges = boxes.map(cellRange).filter((r): r is CellRange => r !== null);
    const area = ranges.reduce((n, r) => n + (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1), 0);
    if (area > this.cells.size) {
      // A box with more cells than are occupied: test each occupied cell instead.
      for (const [key, ids] of this.cells) {
        const row = Math.floor(key / COL_SPAN) - ROW_SHIFT;
        const col = (key % COL_SPAN) - COL_SHIFT;
        if (ranges.some((r) => row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1)) take(ids);
      }
      return out;
    }
    for (const r of ranges) for (let row = r.r0; row <= r.r1; row++) for (let col = r.c0; col <= r.c1; col++) take(this.cells.get(keyOf(row, col)));
    return out;
  }

  /**
   * Enough ids to hold the k best-ranked documents nearest `center` at `minDistanceM` or more: read rings from
   * minDistanceM outward, of doubling width, until the k-th best rank found lies within the ring's outer radius.
   * Every point of the ring is in the cells read, and a cell every point of which is nearer than minDistanceM holds
   * no result, so it is left unread (as $geoNear's annuli start at minDistance); an unread document is then strictly
   * farther than the k-th found, or nearer than minDistanceM, and cannot be among the first k. Without a usable k
   * (or once the cap is the whole sphere) it reads every filed document.
   */
  nearest(center: LngLat, k: number, rank: (id: string) => number | undefined, minDistanceM = 0): Set<string> {
    if (!(k >= 1 && Number.isFinite(k))) return this.ids();
    const inner = Number.isFinite(minDistanceM) && minDistanceM > 0 ? minDistanceM : 0;
    const seen = new Set<string>();
    const ranks: number[] = [];
    const take = (ids: Set<string> | undefined): void => {
      ids?.forEach((id) => {
        if (seen.has(id)) return;
        seen.add(id);
        const d = rank(id);
        if (d !== undefined) ranks.push(d);
      });
    };
    take(this.other);
    for (let width = FIRST_RADIUS_M; ; width *= 2) {
      const outer = inner + width;
      const boxes = capBoxes(center, outer);
      if (boxes === null) return this.ids(); // the whole sphere (or a centre off the globe): read everything
      this.readRing(center, inner, outer, width, boxes, take);
      if (kth(ranks, Math.ceil(k)) <= outer) return seen;
    }
  }

  /** The cells of a fitting level that `boxes` touch and that reach `inner` metres from `center` or farther. */
  private readRing(center: LngLat, inner: number, outer: number, width: number, boxes: Box[], take: (ids: Set<string> | undefined) => void): void {
    const wantedM = Math.max(width / 2, outer / MAX_CELLS_ACROSS);
    let level = FINE_LEVELS;
    while (level > 0 && (CELL_DEG / 2 ** level) * METRES_PER_DEG < wantedM) level--;
    if (level === 0 && inner === 0) {
      take(this.within(boxes));
      return;
    }
    const size = level === 0 ? CELL_DEG : CELL_DEG / 2 ** level;
    const cells = level === 0 ? this.cells : this.fine[level - 1]!;
    const keyAt = level === 0 ? keyOf : fineKey;
    // A cell is nearer than `inner` everywhere when its farthest corner is (the distance from a point has no
    // maximum inside a small cell); 1 m of margin for rounding.
    const reachesRing = (row: number, col: number): boolean => {
      if (inner === 0) return true;
      const s = row * size;
      const w = col * size;
      const corners: LngLat[] = [[w, s], [w + size, s], [w, s + size], [w + size, s + size]];
      return corners.some((p) => distanceMeters(center, p) >= inner - 1);
    };
    const ranges = boxes
      .map((b) => ({ r0: Math.floor(Math.max(-90, b.south) / size), r1: Math.floor(Math.min(90, b.north) / size), c0: Math.floor(Math.max(-180, b.west) / size), c1: Math.floor(Math.min(180, b.east) / size) }))
      .filter((r) => r.r0 <= r.r1 && r.c0 <= r.c1);
    const area = ranges.reduce((n, r) => n + (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1), 0);
    if (area > cells.size) {
      for (const [key, ids] of cells) {
        const row = level === 0 ? Math.floor(key / COL_SPAN) - ROW_SHIFT : Math.floor(key / 4_000_000) - 2_000_000;
        const col = level === 0 ? (key % COL_SPAN) - COL_SHIFT : (key % 4_000_000) - 2_000_000;
        if (ranges.some((r) => row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1) && reachesRing(row, col)) take(ids);
      }
      return;
    }
    for (const r of ranges) {
      for (let row = r.r0; row <= r.r1; row++) for (let col = r.c0; col <= r.c1; col++) if (reachesRing(row, col)) take(cells.get(keyAt(row, col)));
    }
  }
}

function cellKeys(points: LngLat[]): Set<number> {
  return new Set(points.map(([lng, lat]) => keyOf(rowOf(lat), colOf(lng))));
}

/** The k-th smallest value (1-based); Infinity when there are fewer than k. */
function kth(values: number[], k: number): number {
  if (values.length < k) return Infinity;
  return [...values].sort((a, b) => a - b)[k - 1];
}

// ---- bounds of geo conditions ----

/**
 * Boxes holding every in-range point within `radiusM` metres (haversine, as distanceMeters) of `center`; null
 * when only a full read is safe (no finite radius, a centre off the globe, or a radius reaching the antipode).
 */
export function capBoxes(center: LngLat, radiusM: number): Box[] | null {
  const [lng, lat] = center;
  if (!Number.isFinite(radiusM) || !Number.isFinite(lng) || !(Math.abs(lat) <= 90)) return null;
  if (radiusM < 0) return [];
  const delta = radiusM / EARTH_RADIUS_M; // angular radius in radians
  if (delta >= Math.PI) return null;
  // haversine: hav(d) = hav(Δlat) + cos(lat)·cos(lat')·hav(Δlng), so |Δlat| ≤ d ...
  const south = lat - delta / RAD - MARGIN_DEG;
  const north = lat + delta / RAD + MARGIN_DEG;
  if (south <= -90 || north >= 90) return [{ south, north, west: -180, east: 180 }]; // the cap holds a pole
  // ... and hav(Δlng) ≤ hav(d) / (cos(lat)·cos(lat')), with lat' no more poleward than the box.
  const poleward = Math.max(Math.abs(south), Math.abs(north));
  const s = Math.sin(delta / 2) / Math.sqrt(Math.cos(lat * RAD) * Math.cos(poleward * RAD));
  // Near s = 1 asin is too steep to trust the rounding: take every longitude.
  if (s >= 0.999) return [{ south, north, west: -180, east: 180 }];
  return lngSpan(normalizeLng(lng), (2 * Math.asin(s)) / RAD + MARGIN_DEG, south, north);
}

function normalizeLng(lng: number): number {
  return lng >= -180 && lng <= 180 ? lng : ((((lng + 180) % 360) + 360) % 360) - 180;
}

/** `lng ± half` as one or two boxes: a span crossing the antimeridian is split at ±180. */
function lngSpan(lng: number, half: number, south: number, north: number): Box[] {
  if (half >= 180) return [{ south, north, west: -180, east: 180 }];
  const west = lng - half;
  const east = lng + half;
  if (west < -180) return [{ south, north, west: west + 360, east: 180 }, { south, north, west: -180, east }];
  if (east > 180) return [{ south, north, west, east: 180 }, { south, north, west: -180, east: east - 360 }];
  return [{ south, north, west, east }];
}

/** The planar bounding box of some vertices (the polygon tests are planar in lng/lat); null for a non-number. */
function bboxOf(points: LngLat[]): Box | null {
  const box = { south: Infinity, north: -Infinity, west: Infinity, east: -Infinity };
  for (const [lng, lat] of points) {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    box.south = Math.min(box.south, lat - MARGIN_DEG);
    box.north = Math.max(box.north, lat + MARGIN_DEG);
    box.west = Math.min(box.west, lng - MARGIN_DEG);
    box.east = Math.max(box.east, lng + MARGIN_DEG);
  }
  return box;
}

/** One box per component that can hold a matching point; null if any component is unbounded. */
function shapeBoxes(shapes: Shapes | null, polygonsOnly: boolean): Box[] | null {
  if (!shapes) return null;
  const parts = polygonsOnly ? shapes.polygons.map((p) => p.flat()) : [...shapes.points.map((p) => [p]), ...shapes.lines, ...shapes.polygons.map((p) => p.flat())];
  const boxes: Box[] = [];
  for (const part of parts) {
    if (part.length === 0) continue; // an empty ring or line holds no point
    const box = bboxOf(part);
    if (!box) return null;
    boxes.push(box);
  }
  return boxes;
}

function operatorBoxes(op: string, value: unknown): Box[] | null {
  switch (op) {
    case '$nearSphere':
    case '$near': {
      const spec = parseNear(value);
      return spec.maxDistance === undefined ? null : capBoxes(spec.center, spec.maxDistance);
    }
    case '$geoWithin': {
      if (!isPlainObject(value)) return null;
      if (value.$centerSphere !== undefined) {
        const { center, maxDistance } = parseCenterSphere(value.$centerSphere);
        return capBoxes(center, maxDistance);
      }
      return shapeBoxes(shapesOf(value.$geometry), true);
    }
    case '$geoIntersects':
      return isPlainObject(value) ? shapeBoxes(shapesOf(value.$geometry), false) : null;
    default:
      return null;
  }
}

/**
 * Boxes bounding every point that can satisfy a field's geo condition (its operators all hold, so any one bound
 * will do), or null when none is bounded (e.g. nearest-first without $maxDistance).
 */
export function conditionBoxes(cond: Record<string, unknown>): Box[] | null {
  for (const [op, value] of Object.entries(cond)) {
    try {
      const boxes = operatorBoxes(op, value);
      if (boxes) return boxes;
    } catch {
      // A malformed operand: no bound here; the full read lets the operator itself report the error.
    }
  }
  return null;
}
