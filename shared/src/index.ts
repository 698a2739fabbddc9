import './zodLocale';
export * from './nationalId';
export * from './thaiText';
export * from './status';
export * from './schemas';
export * from './scope';
export * from './dates';
export * from './redact';
export * from './obecList';
