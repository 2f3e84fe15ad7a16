// Request shapes of the certificate actions, each `satisfies` its contract in typings/ (no casts): one file per
// side of certificates, all read from here (field-labels.test.ts walks this module).
export * from './org-schemas';
export * from './pdf-schemas';
export * from './vc-schemas';
export * from './vol-schemas';
