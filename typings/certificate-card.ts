// Contracts of the volunteer card as an image (issue 10): served by the `volunteer` function, whose
// VolunteerActions extends these. The image carries a static verification code, never the rotating check-in code.
import type { EmptyRequest } from './envelope';

/** What the saved image shows, and the static code that verifies it (miniprogram/domain/card-proof.ts). */
export interface CardProofResponse {
  name: string;
  volunteerNo: string;
  organizations: string[];
  /** YYYY-MM-DD, Asia/Shanghai. */
  registeredOn: string;
  /** Null until the volunteer has confirmed hours. */
  starLevel: number | null;
  confirmedHours: number;
  proof: {
    /** 32 characters: the volunteer number and a 14-character tag; the mini-program code's scene. */
    code: string;
    /** The code in groups, as the image prints it for someone outside WeChat to type. */
    spaced: string;
    /** The mini-program code (wxacode.getUnlimited) opening the verify-card page with `scene` = code, `data:image/…;base64,…`. */
    miniProgramCode: string;
  };
}
export type CardProofError = 'NOT_REGISTERED' | 'WECHAT_FAILED';

export interface VerifyCardRequest {
  /** The scene of the scanned mini-program code, or the code as typed (spaces, dashes, lower case accepted). */
  proof: string;
}

/** What anyone learns from a card image: nothing beyond what the image shows, the name masked. */
export type VerifyCardResponse =
  | {
      valid: true;
      volunteer: {
        nameMasked: string;
        volunteerNo: string;
        starLevel: number | null;
        /** Today's confirmed total, which may have grown since the image was saved. */
        confirmedHours: number;
        organizations: string[];
      };
    }
  /** Unknown, forged, altered, or the account was deleted: one answer for all, so nothing is learned about a number. */
  | { valid: false };
export type VerifyCardError = 'CARD_PROOF_FORMAT';

export interface VolunteerCardActions {
  cardProof: { request: EmptyRequest; response: CardProofResponse; error: CardProofError; mutates: false };
  verifyCard: { request: VerifyCardRequest; response: VerifyCardResponse; error: VerifyCardError; mutates: false };
}
