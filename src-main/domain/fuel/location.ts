// Which station this terminal stands at: the nearest configured station within a radius
// of the terminal's coordinates. None within it is a setup error, not a guess.

export interface Coordinates {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_M = 6_371_008.8; // mean radius (IUGG)

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: Coordinates, b: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The nearest station within `radiusMetres` (inclusive), or undefined. Ties go to the first listed. */
export function nearestStation<S extends Coordinates>(here: Coordinates, stations: readonly S[], radiusMetres: number): { station: S; distance: number } | undefined {
  let best: { station: S; distance: number } | undefined;
  for (const station of stations) {
    const distance = distanceMetres(here, station);
    if (distance <= radiusMetres && (!best || distance < best.distance)) best = { station, distance };
  }
  return best;
}
