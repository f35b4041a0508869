// Periods are typed in minutes or days and stored in seconds; learning periods go up to 30 days.
const MAX_MINUTES = 43_200;

/** Seconds for a typed number of minutes, or undefined when the text is not a period the API accepts. */
export function minutesToSeconds(text: string): number | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_MINUTES) return undefined;
  return Math.round(value * 60);
}

/** Seconds for a typed number of days (0 to 365: how long archived models are kept), or undefined. */
export function daysToSeconds(text: string): number | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 365) return undefined;
  return Math.round(value * 86_400);
}
