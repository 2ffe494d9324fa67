// Which clients need the team's attention first.

/**
 * @typedef {{kind: string, severity: "HIGH" | "MEDIUM" | "LOW"}} GapBrief
 * @typedef {{id: string, name: string, neighbourhood: string | null,
 *            gaps: GapBrief[], strength: {score: number}}} ClientBrief
 * @typedef {{HIGH: number, MEDIUM: number, LOW: number}} Counts
 */

/**
 * @param {GapBrief[]} gaps
 * @returns {Counts}
 */
export function countBySeverity(gaps) {
  const counts = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const gap of gaps) counts[gap.severity] += 1;
  return counts;
}

/**
 * Most high-severity gaps first, then medium, then low; then the weaker
 * network; then by name so the order is stable.
 * @param {ClientBrief} a
 * @param {ClientBrief} b
 */
export function byUrgency(a, b) {
  const ca = countBySeverity(a.gaps);
  const cb = countBySeverity(b.gaps);
  return (
    cb.HIGH - ca.HIGH ||
    cb.MEDIUM - ca.MEDIUM ||
    cb.LOW - ca.LOW ||
    a.strength.score - b.strength.score ||
    a.name.localeCompare(b.name)
  );
}
