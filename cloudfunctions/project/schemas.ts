// Request shapes of the project actions, each `satisfies` its contract in typings/project-actions.ts (no casts).
// Shapes and sizes only; whether a form can be published is the domain's to decide (rules.ts).
import * as z from 'zod';
import type { ForYouRequest } from '../../typings/project-foryou';
import type {
  AttributeGroupRequest,
  CancelProjectRequest,
  ChangePlacesRequest,
  DiscoverRequest,
  GetProjectRequest,
  MyProjectsRequest,
  PosterRequest,
  ProjectInput,
  RecordInsuranceRequest,
  ResolveSceneRequest,
  ReviewProjectRequest,
  SaveDraftRequest,
  SubmitProjectRequest,
  UploadCoverRequest,
  UpdatePlaceRequest,
  UpdateSeriesRequest,
  UpdateShiftRequest,
} from '../../typings/project-actions';
import { MAX_CONTENT_CHARS, MAX_DISCLOSURE_CHARS, MAX_SHIFTS_PER_PROJECT } from './rules';

const text = (max: number) => z.string().max(max);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const instant = text(40);
const count = z.number().int();

const place = z.strictObject({
  address: text(200),
  name: text(100).optional(),
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-90).max(90),
  regionCode: text(12),
  checkinRadiusM: count,
});

const projectInput = z.strictObject({
  title: text(100),
  category: text(40),
  serviceObjects: z.array(text(40)).max(12),
  content: text(MAX_CONTENT_CHARS),
  conditions: z.strictObject({
    minAge: count.optional(),
    maxAge: count.optional(),
    skills: z.array(text(40)).max(20),
    scope: z.enum(['open', 'real_name', 'team', 'password']),
    teamOrgId: id.optional(),
    password: text(16).optional(),
    minorsAllowed: z.boolean(),
    guardianConsentNote: text(200).optional(),
  }),
  place,
  risk: z.strictObject({ disclosure: text(MAX_DISCLOSURE_CHARS), risky: z.boolean() }),
  coverFileId: z.string().regex(/^cloud:\/\/[^\s]{1,300}$/).optional(),
  contact: z.strictObject({ name: text(50), phone: text(20) }),
  approvalMode: z.enum(['automatic', 'rules', 'manual']),
  cancelCutoffHours: count.optional(),
  shifts: z.array(z.strictObject({ startsAt: instant, endsAt: instant, places: z.number() })).max(MAX_SHIFTS_PER_PROJECT),
  repeat: z
    .strictObject({
      weekdays: z.array(count).max(7),
      startTime: text(5),
      endTime: text(5),
      firstDate: text(10),
      weeks: count.optional(),
      untilDate: text(10).optional(),
      places: z.number(),
    })
    .optional(),
}) satisfies z.ZodType<ProjectInput>;

export const saveDraftSchema = z.strictObject({ orgId: id, projectId: id.optional(), project: projectInput }) satisfies z.ZodType<SaveDraftRequest>;
export const submitSchema = z.strictObject({ projectId: id }) satisfies z.ZodType<SubmitProjectRequest>;
export const reviewSchema = z.strictObject({
  projectId: id,
  decision: z.enum(['approve', 'reject']),
  reason: text(1000).optional(),
}) satisfies z.ZodType<ReviewProjectRequest>;
export const updateShiftSchema = z.strictObject({ projectId: id, shiftId: id, startsAt: instant, endsAt: instant }) satisfies z.ZodType<UpdateShiftRequest>;
export const updateSeriesSchema = z.strictObject({ projectId: id, seriesId: id, startTime: text(5), endTime: text(5) }) satisfies z.ZodType<UpdateSeriesRequest>;
export const updatePlaceSchema = z.strictObject({ projectId: id, place }) satisfies z.ZodType<UpdatePlaceRequest>;
export const changePlacesSchema = z.strictObject({ projectId: id, shiftId: id, places: z.number() }) satisfies z.ZodType<ChangePlacesRequest>;
export const cancelSchema = z.strictObject({ projectId: id, shiftId: id.optional(), reason: text(1000) }) satisfies z.ZodType<CancelProjectRequest>;
export const recordInsuranceSchema = z.strictObject({ projectId: id, insurer: text(100), policyNo: text(100) }) satisfies z.ZodType<RecordInsuranceRequest>;
export const mineSchema = z.strictObject({ orgId: id, cursor: text(4000).optional(), limit: count.min(1).max(50).optional() }) satisfies z.ZodType<MyProjectsRequest>;
export const getSchema = z.strictObject({ projectId: id }) satisfies z.ZodType<GetProjectRequest>;
export const discoverSchema = z.strictObject({
  near: z.strictObject({ longitude: z.number().min(-180).max(180), latitude: z.number().min(-90).max(90) }).optional(),
  regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/).optional(),
  category: text(40).optional(),
  fromDate: text(10).optional(),
  toDate: text(10).optional(),
  keyword: z.string().max(30).refine((k) => !/\p{Cc}/u.test(k)).optional(),
  hasPlacesLeft: z.boolean().optional(),
  sort: z.enum(['distance', 'startsAt', 'newest']),
  cursor: text(4000).optional(),
  limit: count.min(1).max(20).optional(),
}) satisfies z.ZodType<DiscoverRequest>;
export const forYouSchema = z.strictObject({
  near: z.strictObject({ longitude: z.number().min(-180).max(180), latitude: z.number().min(-90).max(90) }),
  limit: count.min(1).max(20).optional(),
}) satisfies z.ZodType<ForYouRequest>;
export const uploadCoverSchema = z.strictObject({
  orgId: id,
  // 70 KB as base64 with a data: prefix; the bytes are checked by decodeCover.
  photo: z.strictObject({ contentType: z.enum(['image/jpeg', 'image/png']), base64: z.string().max(96_000) }),
}) satisfies z.ZodType<UploadCoverRequest>;
export const posterSchema = z.strictObject({ projectId: id }) satisfies z.ZodType<PosterRequest>;
export const resolveSceneSchema = z.strictObject({ scene: text(32) }) satisfies z.ZodType<ResolveSceneRequest>;
export const attributeGroupSchema = z.strictObject({ projectId: id, cloudID: text(512) }) satisfies z.ZodType<AttributeGroupRequest>;
