// Numbering a certificate: THE one way a certificate becomes issued, inside the caller's transaction. It takes the
// next number of the issuer's region and year (the counter document makes two issuances conflict, so one retries and
// takes the next), freezes the snapshot, signs it with the deployment's key, writes the register entry and tells the
// volunteer through the outbox (certificate.issued) — so every path that issues (a request, an approval, a bulk
// issue) tells them exactly once.
import { shanghaiDate } from '../../miniprogram/domain/calendar';
import type { CertificateSnapshot } from '../../typings/certificate';
import type { SigningKeyRing } from '../_shared/credentials/signing';
import { signSnapshot } from '../_shared/credentials/signing';
import { getOrNull, type Tx } from '../_shared/db/db';
import type { CertificateDoc } from '../_shared/documents/certificate';
import type { CounterDoc } from '../_shared/documents/counter';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { certificateIssued } from '../_shared/messages/certificate-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { certificateCounterIdOf, formatCertificateNo } from '../_shared/rules/certificate-number';
import { buildSnapshot, type SnapshotInput } from './snapshot';

export interface IssueArgs {
  /** The certificate as it stands: a request under review, or a new one about to be written. */
  certificate: CertificateDoc;
  /** The issuing organization, with its settings (the caller refuses one without: CERTIFICATE_SETTINGS_MISSING). */
  issuer: OrganizationDoc & { certificateSettings: NonNullable<OrganizationDoc['certificateSettings']> };
  onBehalfOf?: CertificateSnapshot['issuer']['onBehalfOf'];
  volunteer: SnapshotInput['volunteer'];
  /** users._id of the volunteer's account: who is told the certificate is ready. */
  volunteerUserId: string;
  /** certifiedRecords(...) of the records organization: at least one. */
  records: readonly ServiceRecordDoc[];
  /** The admin who issued it; absent when issued at once on the volunteer's request. */
  issuedBy?: string;
  now: Date;
  ring: SigningKeyRing;
}

export async function issueInTransaction(t: Tx, a: IssueArgs): Promise<CertificateDoc> {
  const { year } = shanghaiDate(a.now);
  const regionCode = a.issuer.regionCode;
  const counterId = certificateCounterIdOf(regionCode, year);
  const counter = await getOrNull<CounterDoc>(t, 'counters', counterId);
  const sequence = (counter?.value ?? 0) + 1;
  const number = formatCertificateNo({ regionCode, year, sequence });
  const snapshot = buildSnapshot({
    number,
    issuedAt: a.now,
    volunteer: a.volunteer,
    scope: a.certificate.scope,
    records: a.records,
    issuer: { orgId: a.issuer._id, name: a.issuer.name, settings: a.issuer.certificateSettings },
    onBehalfOf: a.onBehalfOf,
  });
  const issued: CertificateDoc = {
    ...a.certificate,
    status: 'issued',
    issuerOrgId: a.issuer._id,
    number,
    issuedAt: a.now,
    ...(a.issuedBy ? { issuedBy: a.issuedBy } : {}),
    snapshot,
    signature: signSnapshot(a.ring, snapshot),
    statusList: { listId: `${regionCode}-${year}`, index: sequence },
    totalMinutes: snapshot.totalMinutes,
    handler: snapshot.issuer.handler,
    updatedAt: a.now,
  };
  await t.collection('counters').doc(counterId).set({ data: { value: sequence, updatedAt: a.now } });
  const { _id, ...body } = issued;
  await t.collection('certificates').doc(_id).set({ data: body });
  await enqueue(t, certificateIssued({ certificateId: _id, volunteerUserId: a.volunteerUserId, number, issuerName: a.issuer.name, totalMinutes: snapshot.totalMinutes }), a.now);
  return issued;
}
