export * from "./attachment.validator.ts";
export * from "./date.validator.ts";
export * from "./kk.validator.ts";
export * from "./nik.validator.ts";
export * from "./nik-birth-date.check.ts";
export * from "./provinces.ts";
export * from "./text.validator.ts";
export * from "./validation-result.ts";
