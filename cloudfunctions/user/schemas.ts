// Request shapes of the user actions (typings/user.ts).
import * as z from 'zod';
import type { SessionRequest } from '../../typings/user';
import { noPayload } from '../_shared/frame/action';

export const sessionSchema = noPayload satisfies z.ZodType<SessionRequest>;
