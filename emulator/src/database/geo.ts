// Geo maths for points on a sphere, and the geo query operators mingo lacks ($nearSphere/$near, $geoWithin,
// $geoIntersects). Distances use MongoDB's earth radius (6378.1 km, its `kRadiusOfEarthInMeters`), so
// `$centerSphere` radians (km / 6378.1, as the CloudBase docs teach) and metre distances agree with production.
// Polygon tests treat edges as straight lines in the lng/lat plane: exact for the small areas this product uses.
import { resolve } from 'mingo/util';
import { invalidParam } from './errors';
import { isPlainObject } from './codec';

export const EARTH_RADIUS_M = 6378100;

export type LngLat = [number, number];

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const isPair = (v: unknown): v is LngLat =>
  Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';

/** A GeoJSON Point or a legacy [lng, lat] pair, else null. */
export function pointOf(v: unknown): LngLat | null {
  if (isPair(v)) return [v[0], v[1]];
  if (isPlainObject(v) && v.type === 'Point' && isPair(v.coordinates)) return [v.coordinates[0], v.coordinates[1]];
  return null;
}

/** Every point stored at a path: a single point or an array of points (a multikey geo field). */
function pointsAt(doc: unknown, path: string): LngLat[] {
  const v = resolve(doc as Record<string, unknown>, path);
  const p = pointOf(v);
  if (p) return [p];
  if (Array.isArray(v)) return v.map(pointOf).filter((x): x is LngLat => x !== null);
  return [];
}

/** First point of a document's geo field (what $geoNear measures). */
export function firstPoint(doc: unknown, path: string): LngLat | null {
  return pointsAt(doc, path)[0] ?? null;
}

// ---- planar geometry on lng/lat ----

type Ring = LngLat[];
type Poly = Ring[]; // outer ring, then holes

export interface Shapes {
  points: LngLat[];
  lines: LngLat[][];
  polygons: Poly[];
}

function ringsOf(v: unknown): Poly {
  if (!Array.isArray(v)) throw invalidParam('invalid polygon coordinates');
  return v.map((ring) => {
    if (!Array.isArray(ring)) throw invalidParam('invalid polygon ring');
    return ring.map((p) => {
      const q = pointOf(p);
      if (!q) throw invalidParam('invalid polygon point');
      return q;
    });
  });
}

/** Decompose a GeoJSON geometry (or legacy pair) into points, lines and polygons. */
export function shapesOf(g: unknown): Shapes | null {
  const p = pointOf(g);
  if (p) return { points: [p], lines: [], polygons: [] };
  if (!isPlainObject(g)) return null;
  const c = g.coordinates;
  const s: Shapes = { points: [], lines: [], polygons: [] };
  switch (g.type) {
    case 'MultiPoint':
      s.points = ringsOf([c])[0];
      return s;
    case 'LineString':
      s.lines = [ringsOf([c])[0]];
      return s;
    case 'MultiLineString':
      s.lines = ringsOf(c);
      return s;
    case 'Polygon':
      s.polygons = [ringsOf(c)];
      return s;
    case 'MultiPolygon':
      if (!Array.isArray(c)) throw invalidParam('invalid MultiPolygon');
      s.polygons = c.map(ringsOf);
      return s;
    case 'GeometryCollection': {
      if (!Array.isArray(g.geometries)) return null;
      for (const sub of g.geometries) {
        const t = shapesOf(sub);
        if (t) {
          s.points.push(...t.points);
          s.lines.push(...t.lines);
          s.polygons.push(...t.polygons);
        }
      }
      return s;
    }
    default:
      return null;
  }
}

function inRing(p: LngLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (onSegment(p, ring[i], ring[j])) return true;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and not strictly inside a hole (the boundary counts as inside). */
export function pointInPolygon(p: LngLat, poly: Poly): boolean {
  if (poly.length === 0 || !inRing(p, poly[0])) return false;
  for (const hole of poly.slice(1)) if (inRing(p, hole) && !ringHasOnBoundary(p, hole)) return false;
  return true;
}

function ringHasOnBoundary(p: LngLat, ring: Ring): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) if (onSegment(p, ring[i], ring[j])) return true;
  return false;
}

const cross = (o: LngLat, a: LngLat, b: LngLat): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function onSegment(p: LngLat, a: LngLat, b: LngLat): boolean {
  return (
    Math.abs(cross(a, b, p)) < 1e-12 &&
    p[0] >= Math.min(a[0], b[0]) - 1e-12 &&
    p[0] <= Math.max(a[0], b[0]) + 1e-12 &&
    p[1] >= Math.min(a[1], b[1]) - 1e-12 &&
    p[1] <= Math.max(a[1], b[1]) + 1e-12
  );
}

function segmentsIntersect(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
}

const edges = (line: LngLat[]): [LngLat, LngLat][] => line.slice(1).map((p, i) => [line[i], p]);
const samePoint = (a: LngLat, b: LngLat): boolean => a[0] === b[0] && a[1] === b[1];

/** Whether two geometries share at least one point. */
export function intersects(a: Shapes, b: Shapes): boolean {
  const aLines = [...a.lines, ...a.polygons.flat()];
  const bLines = [...b.lines, ...b.polygons.flat()];
  for (const p of a.points) {
    if (b.points.some((q) => samePoint(p, q))) return true;
    if (b.lines.some((l) => edges(l).some(([x, y]) => onSegment(p, x, y)))) return true;
    if (b.polygons.some((poly) => pointInPolygon(p, poly))) return true;
  }
  for (const p of b.points) {
    if (a.lines.some((l) => edges(l).some(([x, y]) => onSegment(p, x, y)))) return true;
    if (a.polygons.some((poly) => pointInPolygon(p, poly))) return true;
  }
  for (const l of aLines) for (const [x, y] of edges(l)) for (const m of bLines) for (const [u, v] of edges(m)) if (segmentsIntersect(x, y, u, v)) return true;
  // One polygon wholly inside the other touches no edge: test a vertex.
  for (const l of aLines) if (l.length && b.polygons.some((poly) => pointInPolygon(l[0], poly))) return true;
  for (const l of bLines) if (l.length && a.polygons.some((poly) => pointInPolygon(l[0], poly))) return true;
  return false;
}

/** Whether geometry `a` lies within the polygons of `b` (all its vertices inside). */
function within(a: Shapes, polys: Poly[]): boolean {
  const vertices = [...a.points, ...a.lines.flat(), ...a.polygons.flat(2)];
  return vertices.length > 0 && vertices.every((p) => polys.some((poly) => pointInPolygon(p, poly)));
}

// ---- query operators (mingo signature: (selector, value, options) => predicate) ----

export interface NearSpec {
  center: LngLat;
  maxDistance?: number;
  minDistance?: number;
}

/** `{ $geometry: Point, $maxDistance, $minDistance }` (what `_.geoNear` sends) or a legacy pair. */
export function parseNear(value: unknown): NearSpec {
  if (isPlainObject(value) && value.$geometry !== undefined) {
    const center = pointOf(value.$geometry);
    if (!center) throw invalidParam('$nearSphere needs a Point $geometry');
    const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
    return { center, maxDistance: num(value.$maxDistance), minDistance: num(value.$minDistance) };
  }
  const center = pointOf(value);
  if (!center) throw invalidParam('$nearSphere needs a Point');
  return { center };
}

export function withinNear(points: LngLat[], spec: NearSpec): boolean {
  return points.some((p) => {
    const d = distanceMeters(spec.center, p);
    return (spec.maxDistance === undefined || d <= spec.maxDistance) && (spec.minDistance === undefined || d >= spec.minDistance);
  });
}

/** `$centerSphere: [[lng, lat], radians]` as a centre and a radius in metres. */
export function parseCenterSphere(cs: unknown): { center: LngLat; maxDistance: number } {
  const center = Array.isArray(cs) ? pointOf(cs[0]) : null;
  const radians = Array.isArray(cs) ? cs[1] : undefined;
  if (!center || typeof radians !== 'number') throw invalidParam('$centerSphere must be [[lng, lat], radians]');
  return { center, maxDistance: radians * EARTH_RADIUS_M };
}

const $nearSphere = (selector: string, value: unknown) => {
  const spec = parseNear(value);
  return (doc: unknown): boolean => withinNear(pointsAt(doc, selector), spec);
};

const $geoWithin = (selector: string, value: unknown) => {
  if (!isPlainObject(value)) throw invalidParam('$geoWithin needs $geometry or $centerSphere');
  if (value.$centerSphere !== undefined) {
    const { center, maxDistance: max } = parseCenterSphere(value.$centerSphere);
    return (doc: unknown): boolean => {
      const v = resolve(doc as Record<string, unknown>, selector);
      const s = shapesOf(v);
      if (!s) return false;
      const vertices = [...s.points, ...s.lines.flat(), ...s.polygons.flat(2)];
      return vertices.length > 0 && vertices.every((p) => distanceMeters(center, p) <= max);
    };
  }
  const g = shapesOf(value.$geometry);
  if (!g || g.polygons.length === 0) throw invalidParam('$geoWithin $geometry must be a Polygon or MultiPolygon');
  return (doc: unknown): boolean => {
    const s = shapesOf(resolve(doc as Record<string, unknown>, selector));
    return s !== null && within(s, g.polygons);
  };
};

const $geoIntersects = (selector: string, value: unknown) => {
  const g = isPlainObject(value) ? shapesOf(value.$geometry) : null;
  if (!g) throw invalidParam('$geoIntersects needs a GeoJSON $geometry');
  return (doc: unknown): boolean => {
    const s = shapesOf(resolve(doc as Record<string, unknown>, selector));
    return s !== null && intersects(s, g);
  };
};

export const geoQueryOperators = { $nearSphere, $near: $nearSphere, $geoWithin, $geoIntersects };

export const GEO_OPERATORS = new Set(Object.keys(geoQueryOperators));
