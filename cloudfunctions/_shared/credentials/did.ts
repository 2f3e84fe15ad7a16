// The deployment's decentralized identifier: a `did:web` made from the verification site's origin
// (env ZY_VERIFY_BASE_URL, e.g. https://verify.zhiyuan.example → did:web:verify.zhiyuan.example), and its DID document
// with every key of the signing ring as a Multikey (publicKeyMultibase z6Mk…: base58btc of the multicodec
// ed25519-pub prefix 0xed01 and the 32 key bytes, Controlled Identifiers v1.0 §2.2.2). Old keys stay listed after a
// rotation, so certificates signed before it still verify. did:web resolves a bare host to
// https://<host>/.well-known/did.json (did:web Method Specification §3.2), which the certificate function serves.
import bs58 from 'bs58';
import type { SigningKeyRing } from './signing';
import { publicKeysOf } from './signing';

const ED25519_PUB_MULTICODEC = Uint8Array.of(0xed, 0x01);
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * The verification site's origin from ZY_VERIFY_BASE_URL, without a trailing slash. did:web needs https; plain http is
 * accepted only for a loopback host, which is what the emulator serves (its README says so). A path is refused: the
 * DID document must sit at /.well-known/did.json of the origin.
 */
export function verifyBaseUrlOf(env: NodeJS.ProcessEnv | Record<string, string | undefined>): string {
  const raw = (env.ZY_VERIFY_BASE_URL ?? '').trim();
  if (!raw) throw new Error('certificates need ZY_VERIFY_BASE_URL (the https origin of the verification site)');
  const url = new URL(raw);
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error('ZY_VERIFY_BASE_URL must be https (http only on a loopback host)');
  if (url.pathname !== '/' || url.search || url.hash) throw new Error('ZY_VERIFY_BASE_URL is an origin only: the DID document sits at /.well-known/did.json');
  return url.origin;
}

/** did:web of an origin: the host, with a port's colon percent-encoded (did:web §3.1). */
export function didWebOf(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `did:web:${url.port ? `${url.hostname}%3A${url.port}` : url.hostname}`;
}

export function multikeyOf(publicKeyBytes: Uint8Array): string {
  return `z${bs58.encode(Buffer.concat([ED25519_PUB_MULTICODEC, publicKeyBytes]))}`;
}

/** The verification method of a key: `<did>#<keyId>`. */
export function verificationMethodOf(did: string, keyId: string): string {
  return `${did}#${keyId}`;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: Array<{ id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }>;
  assertionMethod: string[];
}

export function didDocumentOf(ring: SigningKeyRing, baseUrl: string): DidDocument {
  const did = didWebOf(baseUrl);
  const methods = publicKeysOf(ring).map((k) => ({
    id: verificationMethodOf(did, k.keyId),
    type: 'Multikey' as const,
    controller: did,
    publicKeyMultibase: multikeyOf(k.publicKeyBytes),
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}
