/** "3 min ago" style times, with the exact time kept for a tooltip. */
export function relativeTime(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return "—";
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(then).toLocaleString();
}

export function dateTime(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

export function cpu(millis: number | undefined): string {
  if (millis === undefined) return "—";
  return millis % 1000 === 0 ? `${millis / 1000} CPU` : `${(millis / 1000).toFixed(1)} CPU`;
}

export function memory(mb: number | undefined): string {
  if (mb === undefined) return "—";
  return mb >= 1024 ? `${(mb / 1024).toFixed(mb % 1024 === 0 ? 0 : 1)} GiB` : `${mb} MiB`;
}

/** A configured length in whole seconds, in the largest unit that says it exactly ("90 min"). */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined) return "—";
  const units: [number, string][] = [
    [86_400, "d"],
    [3_600, "h"],
    [60, "min"],
    [1, "s"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}`;
  }
  return `${seconds} s`;
}
