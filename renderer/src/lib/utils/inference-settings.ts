// The numeric inference settings' limits (the same as electron/api/settings.ts's schema, which the
// renderer may not import at runtime) and the clamp applied to what is typed before it is sent.

export type NumericInferenceSetting = 'inferenceThreads' | 'modelMemoryBudgetMB' | 'modelIdleMinutes';

export const numericSettingLimits: Readonly<Record<NumericInferenceSetting, { readonly min: number; readonly max: number }>> = {
  inferenceThreads: { min: 0, max: 64 },
  modelMemoryBudgetMB: { min: 256, max: 262_144 },
  modelIdleMinutes: { min: 0, max: 1440 },
};

/** A whole number within the setting's limits; anything not a number keeps the current value. */
export function clampSetting(key: NumericInferenceSetting, typed: number, current: number): number {
  if (!Number.isFinite(typed)) return current;
  const { min, max } = numericSettingLimits[key];
  return Math.min(max, Math.max(min, Math.round(typed)));
}
