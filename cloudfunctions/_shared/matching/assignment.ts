// The series assistant's proposal: willing volunteers assigned to a recurring series' shifts so that the most places
// are filled, and among all assignments that fill that many, the cheapest (fairness and fit as a cost). Solved
// exactly as a min-cost max-flow by successive shortest paths (Dijkstra on reduced costs), never greedily.
// Pure: no I/O, no clock.
//
// The network:
//   source ─(unit arcs, costs 0, L, 2L, …; as many as the volunteer's limit)→ volunteer
//   volunteer ─(capacity 1)→ (volunteer, overlap group)
//   (volunteer, overlap group) ─(capacity 1, the pair's cost)→ shift ─(capacity: places left)→ sink
// The rising unit arcs make a volunteer's k-th shift cost more than the (k−1)-th (L = loadCost), so places are
// spread over people before anyone is given several; the costs are convex, so the flow stays exact.
//
// Overlaps: an overlap group is a connected run of the series' shifts whose times overlap (sorted by start, merged
// while the next starts before the run ends); a volunteer takes at most one shift of each group. When every
// group is a clique (all its shifts share a moment: the latest start is before the earliest end, as with parallel
// shifts of one time slot, the shape a repeat rule makes) this is exactly "no two overlapping shifts", and the
// proposal is optimal (`exact: true`; assignment.test.ts checks it against brute force). A group that is not a
// clique (A overlaps B, B overlaps C, A and C apart) is still held to one shift per volunteer: the proposal never
// overlaps, but may leave a place that a volunteer could have taken besides another one (`exact: false`).
// Overlaps with shifts a volunteer already holds elsewhere are the caller's: such pairs are not willing pairs.

export interface SeriesShift {
  id: string;
  /** Epoch milliseconds. */
  startsAt: number;
  endsAt: number;
  placesLeft: number;
}

export interface SeriesVolunteer {
  id: string;
  /** The most shifts of this proposal for this person (invitations left this week, at most). */
  limit: number;
}

/** A volunteer who could take a shift, and what giving it to them costs (a non-negative integer; lower is better). */
export interface WillingPair {
  volunteerId: string;
  shiftId: string;
  cost: number;
}

export interface AssignmentProblem {
  volunteers: SeriesVolunteer[];
  shifts: SeriesShift[];
  pairs: WillingPair[];
  /** The extra cost of each further shift for the same person (fairness across people); 0 by default. */
  loadCost?: number;
}

export interface Assignment {
  /** Chosen pairs, ordered by shift start, then shift id, then volunteer id. */
  pairs: Array<{ volunteerId: string; shiftId: string }>;
  filled: number;
  /** The pairs' costs plus the load costs of the chosen pairs. */
  cost: number;
  /** True when every overlap group is a clique: the proposal is then optimal (see the top of this file). */
  exact: boolean;
}

/** Shifts whose times overlap (half-open intervals: one ending at 12:00 and one starting at 12:00 do not). */
export function overlaps(a: Pick<SeriesShift, 'startsAt' | 'endsAt'>, b: Pick<SeriesShift, 'startsAt' | 'endsAt'>): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** The overlap groups: connected runs of overlapping shifts, in time order, each listed by shift id. */
export function overlapGroupsOf(shifts: SeriesShift[]): SeriesShift[][] {
  const sorted = [...shifts].sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt || compareIds(a.id, b.id));
  const groups: SeriesShift[][] = [];
  let runEnd = Number.NEGATIVE_INFINITY;
  for (const shift of sorted) {
    if (groups.length > 0 && shift.startsAt < runEnd) {
      groups[groups.length - 1].push(shift);
      runEnd = Math.max(runEnd, shift.endsAt);
    } else {
      groups.push([shift]);
      runEnd = shift.endsAt;
    }
  }
  return groups;
}

/** Intervals pairwise overlap exactly when they share a moment (Helly property of intervals). */
export function isClique(group: SeriesShift[]): boolean {
  const latestStart = Math.max(...group.map((s) => s.startsAt));
  const earliestEnd = Math.min(...group.map((s) => s.endsAt));
  return latestStart < earliestEnd;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkProblem(p: AssignmentProblem): void {
  const ids = (xs: Array<{ id: string }>, what: string): Set<string> => {
    const set = new Set(xs.map((x) => x.id));
    if (set.size !== xs.length) throw new Error(`duplicate ${what} id`);
    return set;
  };
  const volunteers = ids(p.volunteers, 'volunteer');
  const shifts = ids(p.shifts, 'shift');
  for (const v of p.volunteers) if (!Number.isInteger(v.limit) || v.limit < 0) throw new Error(`volunteer ${v.id}: limit must be a non-negative integer`);
  for (const s of p.shifts) {
    if (!Number.isInteger(s.placesLeft) || s.placesLeft < 0) throw new Error(`shift ${s.id}: placesLeft must be a non-negative integer`);
    if (!(s.startsAt < s.endsAt)) throw new Error(`shift ${s.id}: must end after it starts`);
  }
  const seen = new Set<string>();
  for (const pair of p.pairs) {
    if (!volunteers.has(pair.volunteerId) || !shifts.has(pair.shiftId)) throw new Error(`pair ${pair.volunteerId}/${pair.shiftId}: unknown volunteer or shift`);
    if (!Number.isInteger(pair.cost) || pair.cost < 0) throw new Error(`pair ${pair.volunteerId}/${pair.shiftId}: cost must be a non-negative integer`);
    const key = `${pair.volunteerId}\u0000${pair.shiftId}`;
    if (seen.has(key)) throw new Error(`pair ${pair.volunteerId}/${pair.shiftId} given twice`);
    seen.add(key);
  }
  const load = p.loadCost ?? 0;
  if (!Number.isInteger(load) || load < 0) throw new Error('loadCost must be a non-negative integer');
}

/** A residual network in arrays: arc i and its reverse i ^ 1. */
class FlowNetwork {
  readonly head: number[] = [];
  readonly to: number[] = [];
  readonly next: number[] = [];
  readonly capacity: number[] = [];
  readonly cost: number[] = [];

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.head.push(-1);
  }

  addArc(from: number, to: number, capacity: number, cost: number): number {
    const arc = this.to.length;
    this.push(from, to, capacity, cost);
    this.push(to, from, 0, -cost);
    return arc;
  }

  private push(from: number, to: number, capacity: number, cost: number): void {
    this.to.push(to);
    this.capacity.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from]);
    this.head[from] = this.to.length - 1;
  }

  /**
   * Successive shortest paths: each round sends flow along a cheapest augmenting path (Dijkstra on costs reduced by
   * the potentials, which keep them non-negative), so the flow of every value is a cheapest one, up to the maximum.
   * The initial costs are non-negative, so zero potentials are valid from the start.
   */
  minCostMaxFlow(source: number, sink: number): { flow: number; cost: number } {
    const potential = new Array<number>(this.size).fill(0);
    let flow = 0;
    let total = 0;
    for (;;) {
      const distance = new Array<number>(this.size).fill(Number.POSITIVE_INFINITY);
      const viaArc = new Array<number>(this.size).fill(-1);
      distance[source] = 0;
      const heap = new MinHeap();
      heap.push(0, source);
      while (heap.size > 0) {
        const [d, node] = heap.pop();
        if (d > distance[node]) continue;
        for (let arc = this.head[node]; arc !== -1; arc = this.next[arc]) {
          if (this.capacity[arc] <= 0) continue;
          const target = this.to[arc];
          const candidate = d + this.cost[arc] + potential[node] - potential[target];
          if (candidate < distance[target]) {
            distance[target] = candidate;
            viaArc[target] = arc;
            heap.push(candidate, target);
          }
        }
      }
      if (distance[sink] === Number.POSITIVE_INFINITY) return { flow, cost: total };
      for (let node = 0; node < this.size; node++) if (distance[node] < Number.POSITIVE_INFINITY) potential[node] += distance[node];
      let push = Number.POSITIVE_INFINITY;
      for (let node = sink; node !== source; node = this.to[viaArc[node] ^ 1]) push = Math.min(push, this.capacity[viaArc[node]]);
      for (let node = sink; node !== source; node = this.to[viaArc[node] ^ 1]) {
        this.capacity[viaArc[node]] -= push;
        this.capacity[viaArc[node] ^ 1] += push;
        total += push * this.cost[viaArc[node]];
      }
      flow += push;
    }
  }
}

/** A binary heap of (key, node), smallest key first. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, node: number): void {
    this.keys.push(key);
    this.nodes.push(node);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= this.keys[i]) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.keys[0], this.nodes[0]];
    const lastKey = this.keys.pop() as number;
    const lastNode = this.nodes.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.keys.length && this.keys[left] < this.keys[smallest]) smallest = left;
        if (right < this.keys.length && this.keys[right] < this.keys[smallest]) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.nodes[a], this.nodes[b]] = [this.nodes[b], this.nodes[a]];
  }
}

/** The optimal proposal for `problem` (see the top of this file for the model and when it is exact). */
export function proposeAssignment(problem: AssignmentProblem): Assignment {
  checkProblem(problem);
  const loadCost = problem.loadCost ?? 0;
  const groups = overlapGroupsOf(problem.shifts);
  const groupOfShift = new Map<string, number>();
  groups.forEach((group, g) => group.forEach((s) => groupOfShift.set(s.id, g)));

  // Nodes: 0 source, 1 sink, then volunteers, then shifts, then the (volunteer, group) nodes that pairs use.
  const volunteerNode = new Map(problem.volunteers.map((v, i) => [v.id, 2 + i]));
  const shiftNode = new Map(problem.shifts.map((s, i) => [s.id, 2 + problem.volunteers.length + i]));
  const groupNode = new Map<string, number>();
  let nodes = 2 + problem.volunteers.length + problem.shifts.length;
  for (const pair of problem.pairs) {
    const key = `${pair.volunteerId}\u0000${groupOfShift.get(pair.shiftId)}`;
    if (!groupNode.has(key)) groupNode.set(key, nodes++);
  }

  const network = new FlowNetwork(nodes);
  const willingCount = new Map<string, number>();
  for (const pair of problem.pairs) willingCount.set(pair.volunteerId, (willingCount.get(pair.volunteerId) ?? 0) + 1);
  for (const v of problem.volunteers) {
    // More unit arcs than the person has willing shifts could never carry flow.
    const arcs = Math.min(v.limit, willingCount.get(v.id) ?? 0);
    for (let j = 0; j < arcs; j++) network.addArc(0, volunteerNode.get(v.id) as number, 1, j * loadCost);
  }
  for (const [key, node] of groupNode) network.addArc(volunteerNode.get(key.split('\u0000')[0]) as number, node, 1, 0);
  const pairArcs = problem.pairs.map((pair) => {
    const from = groupNode.get(`${pair.volunteerId}\u0000${groupOfShift.get(pair.shiftId)}`) as number;
    return network.addArc(from, shiftNode.get(pair.shiftId) as number, 1, pair.cost);
  });
  for (const s of problem.shifts) if (s.placesLeft > 0) network.addArc(shiftNode.get(s.id) as number, 1, s.placesLeft, 0);

  const { flow, cost } = network.minCostMaxFlow(0, 1);
  const byId = new Map(problem.shifts.map((s) => [s.id, s]));
  const chosen = problem.pairs
    .filter((_, i) => network.capacity[pairArcs[i]] === 0)
    .map((p) => ({ volunteerId: p.volunteerId, shiftId: p.shiftId }))
    .sort((a, b) => {
      const sa = byId.get(a.shiftId) as SeriesShift;
      const sb = byId.get(b.shiftId) as SeriesShift;
      return sa.startsAt - sb.startsAt || compareIds(a.shiftId, b.shiftId) || compareIds(a.volunteerId, b.volunteerId);
    });
  return { pairs: chosen, filled: flow, cost, exact: groups.every(isClique) };
}

/** What a set of pairs costs under the problem's pair and load costs (the objective the proposal minimises). */
export function costOf(problem: AssignmentProblem, pairs: Array<{ volunteerId: string; shiftId: string }>): number {
  const costs = new Map(problem.pairs.map((p) => [`${p.volunteerId}\u0000${p.shiftId}`, p.cost]));
  const load = new Map<string, number>();
  let total = 0;
  for (const p of pairs) {
    const k = load.get(p.volunteerId) ?? 0;
    total += (costs.get(`${p.volunteerId}\u0000${p.shiftId}`) ?? 0) + k * (problem.loadCost ?? 0);
    load.set(p.volunteerId, k + 1);
  }
  return total;
}
