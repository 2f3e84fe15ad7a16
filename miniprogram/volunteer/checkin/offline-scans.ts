// Scans made without signal, kept on the phone (wx storage) in the order they were made, each with the request id it
// will be sent with — so sending it again (another sync, a crash mid-sync) is the same request, answered once.
// Pure over a small storage adapter, so it is tested without WeChat.
import type { GeoLocation } from '../../../typings/attendance';

export interface QueuedScan {
  action: 'checkIn' | 'checkOut';
  token: string;
  /** When the phone scanned it (ISO): the server judges the token by this time. */
  scannedAt: string;
  location?: GeoLocation;
  shiftId?: string;
  requestId: string;
}

export interface TextStorage {
  read(key: string): string | undefined;
  write(key: string, value: string): void;
}

export const OFFLINE_SCANS_KEY = 'zy.attendance.offlineScans';
/** A phone keeps at most this many unsent scans (a day's pairs are few; anything more is not a real day). */
export const MAX_QUEUED = 20;

export function queuedScans(storage: TextStorage): QueuedScan[] {
  const text = storage.read(OFFLINE_SCANS_KEY);
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as QueuedScan[]) : [];
  } catch {
    return [];
  }
}

export function enqueueScan(storage: TextStorage, scan: QueuedScan): QueuedScan[] {
  const next = [...queuedScans(storage).filter((s) => s.requestId !== scan.requestId), scan].slice(-MAX_QUEUED);
  storage.write(OFFLINE_SCANS_KEY, JSON.stringify(next));
  return next;
}

export function removeScan(storage: TextStorage, requestId: string): QueuedScan[] {
  const next = queuedScans(storage).filter((s) => s.requestId !== requestId);
  storage.write(OFFLINE_SCANS_KEY, JSON.stringify(next));
  return next;
}

/** Answers after which a scan stays queued: nothing was decided (no signal, the server busy). */
export const KEEP_QUEUED = new Set(['NETWORK', 'BUSY', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL']);
