// Learning periods are typed in minutes and stored in seconds; the API accepts up to 30 days.
const MAX_MINUTES = 43_200;

/** Seconds for a typed number of minutes, or undefined when the text is not a period the API accepts. */
export function minutesToSeconds(text: string): number | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_MINUTES) return undefined;
  return Math.round(value * 60);
}
