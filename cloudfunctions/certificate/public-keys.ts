// certificate.publicKeys — the deployment's public signing keys as a JWKS, open to anyone: with them a certificate's
// snapshot signature and credential proof can be checked without trusting this server.
import { publicKeysOf, signingKeyRingFromEnv } from '../_shared/credentials/signing';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import type { PublicKeyView } from '../../typings/certificate-actions';

export function publicKeyViews(env: NodeJS.ProcessEnv): { currentKeyId: string; keys: PublicKeyView[] } {
  const ring = signingKeyRingFromEnv(env);
  const keys = publicKeysOf(ring).map(({ keyId, publicKeyBytes }) => ({
    keyId,
    jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: Buffer.from(publicKeyBytes).toString('base64url'), kid: keyId, alg: 'EdDSA' as const, use: 'sig' as const },
  }));
  return { currentKeyId: ring.current.keyId, keys };
}

export const publicKeys = action('certificate', 'publicKeys', noPayload, async (_req, ctx) => ok(publicKeyViews(ctx.env)));
