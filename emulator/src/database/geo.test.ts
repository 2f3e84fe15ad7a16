import { EARTH_RADIUS_M, distanceMeters, geoQueryOperators, intersects, pointInPolygon, shapesOf, type LngLat } from './geo';

describe('distances', () => {
  test('one degree along the equator is R·π/180; antipodes are π·R apart', () => {
    expect(distanceMeters([0, 0], [1, 0])).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 6);
    expect(distanceMeters([0, 0], [180, 0])).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
    expect(distanceMeters([10, 89.999], [-170, 89.999])).toBeLessThan(250);
  });

  test('Fuzhou to Beijing is about 1,560 km and symmetric', () => {
    const fz: LngLat = [119.296494, 26.074508];
    const bj: LngLat = [116.397128, 39.916527];
    const d = distanceMeters(fz, bj);
    expect(d).toBeGreaterThan(1_550_000);
    expect(d).toBeLessThan(1_570_000);
    expect(distanceMeters(bj, fz)).toBeCloseTo(d, 6);
  });
});

describe('polygons', () => {
  const square = [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ] as LngLat[],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ] as LngLat[],
  ];

  test('inside, outside, in the hole, on the boundary', () => {
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(pointInPolygon([11, 1], square)).toBe(false);
    expect(pointInPolygon([5, 5], square)).toBe(false);
    expect(pointInPolygon([0, 5], square)).toBe(true);
  });

  test('intersections between points, lines and polygons', () => {
    const poly = shapesOf({ type: 'Polygon', coordinates: square })!;
    expect(intersects(shapesOf({ type: 'Point', coordinates: [2, 2] })!, poly)).toBe(true);
    expect(intersects(shapesOf({ type: 'Point', coordinates: [5, 5] })!, poly)).toBe(false);
    expect(intersects(shapesOf({ type: 'LineString', coordinates: [[-5, 5], [1, 5]] })!, poly)).toBe(true);
    expect(intersects(shapesOf({ type: 'LineString', coordinates: [[-5, -5], [-1, -1]] })!, poly)).toBe(false);
  });
});

describe('query operators', () => {
  const doc = (lng: number, lat: number) => ({ loc: { type: 'Point', coordinates: [lng, lat] } });

  test('$nearSphere filters by min and max distance in metres', () => {
    const near = geoQueryOperators.$nearSphere('loc', { $geometry: { type: 'Point', coordinates: [0, 0] }, $maxDistance: 120000, $minDistance: 100000 });
    expect(near(doc(1, 0))).toBe(true); // ~111 km
    expect(near(doc(0.5, 0))).toBe(false);
    expect(near(doc(2, 0))).toBe(false);
    expect(near({})).toBe(false);
  });

  test('$geoWithin $centerSphere uses radians of the same earth radius', () => {
    const within = geoQueryOperators.$geoWithin('loc', { $centerSphere: [[0, 0], 112 / 6378.1] });
    expect(within(doc(1, 0))).toBe(true);
    expect(within(doc(0, 1.1))).toBe(false);
  });

  test('$geoWithin $geometry MultiPolygon and legacy [lng, lat] values', () => {
    const within = geoQueryOperators.$geoWithin('loc', {
      $geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] },
    });
    expect(within({ loc: [5.9, 5.1] })).toBe(true);
    expect(within({ loc: [3, 3] })).toBe(false);
  });

  test('bad arguments are refused', () => {
    expect(() => geoQueryOperators.$geoWithin('loc', { $geometry: { type: 'Point', coordinates: [0, 0] } })).toThrow(/Polygon/);
    expect(() => geoQueryOperators.$nearSphere('loc', { $geometry: { type: 'Polygon', coordinates: [] } })).toThrow();
  });
});
