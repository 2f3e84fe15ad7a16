// What a certificate says (RULES §5), built from what the register keeps: pure, no I/O. Only the records organization's
// current confirmed revisions count ("whoever recorded it certifies it"); the period is the request's, or the first
// and last record's days when all records were asked for.
import type { CertificateRecordLine, CertificateSettings, CertificateSnapshot } from '../../typings/certificate';
import type { CredentialType } from '../../typings/volunteer';
import { shanghaiDate, formatDate } from '../../miniprogram/domain/calendar';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';

/** The records a certificate of `scope` from `recordsOrgId` covers, oldest first (ties by record id). */
export function certifiedRecords(records: readonly ServiceRecordDoc[], recordsOrgId: string, scope: CertificateDoc['scope']): ServiceRecordDoc[] {
  return records
    .filter((r) => r.current && r.status === 'confirmed' && r.orgId === recordsOrgId)
    .filter((r) => scope.kind === 'all' || (r.activity.date >= scope.from && r.activity.date <= scope.to))
    .sort((a, b) => a.activity.date.localeCompare(b.activity.date) || new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime() || a.recordId.localeCompare(b.recordId));
}

export function recordLine(r: ServiceRecordDoc): CertificateRecordLine {
  return { recordId: r.recordId, date: r.activity.date, project: r.activity.name, content: r.activity.content, kind: r.kind, minutes: r.minutes };
}

export interface SnapshotInput {
  number: string;
  issuedAt: Date;
  volunteer: { name: string; credentialType: CredentialType; credentialNoMasked: string; volunteerNo: string };
  scope: CertificateDoc['scope'];
  /** Already filtered by certifiedRecords. */
  records: readonly ServiceRecordDoc[];
  issuer: { orgId: string; name: string; settings: CertificateSettings };
  onBehalfOf?: CertificateSnapshot['issuer']['onBehalfOf'];
}

/** Throws when there is nothing to certify (the caller refuses before: NO_CONFIRMED_RECORDS). */
export function buildSnapshot(input: SnapshotInput): CertificateSnapshot {
  if (input.records.length === 0) throw new Error('buildSnapshot: no records');
  const lines = input.records.map(recordLine);
  const period = input.scope.kind === 'period' ? { from: input.scope.from, to: input.scope.to } : { from: lines[0]!.date, to: lines[lines.length - 1]!.date };
  const { settings } = input.issuer;
  return {
    number: input.number,
    issueDate: formatDate(shanghaiDate(input.issuedAt)),
    issuedAt: input.issuedAt.toISOString(),
    volunteer: { ...input.volunteer },
    period,
    records: lines,
    totalMinutes: lines.reduce((sum, l) => sum + l.minutes, 0),
    issuer: {
      orgId: input.issuer.orgId,
      name: input.issuer.name,
      personInCharge: settings.personInCharge,
      handler: settings.handler,
      contact: settings.contact,
      seal: settings.seal,
      ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
    },
  };
}
