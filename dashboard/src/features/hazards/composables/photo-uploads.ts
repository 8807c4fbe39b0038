import imageCompression from 'browser-image-compression';
import { onBeforeUnmount, ref } from 'vue';
import { randomKey } from '../../../shared/random-key.js';
import { authToken } from '../../auth/composables/session.js';

/** uploading → uploaded (the server has it), saved (no network: kept on the phone for the outbox), failed (refused). */
export type PhotoState = 'uploading' | 'uploaded' | 'saved' | 'failed';

export interface Photo {
  key: number;
  name: string;
  previewUrl: string;
  state: PhotoState;
  id?: string;
  /** The downscaled photo as kept on the phone, for the outbox. */
  blob?: Blob;
  /** The server's refusal (wrong type, too large): its JSON, rendered from its key in the current language. */
  error?: unknown;
}

/** Phone photos are 3–12 MB; downscaled they are ~0.3 MB, so twenty wait comfortably in the outbox (R17). */
const COMPRESSION = { maxSizeMB: 0.5, maxWidthOrHeight: 1920, useWebWorker: false, initialQuality: 0.82 } as const;

/** Downscales a photo on the phone; a file the library cannot read goes as it is, and the server judges it. */
export async function downscale(file: File): Promise<Blob> {
  try {
    return await imageCompression(file, COMPRESSION);
  } catch {
    return file;
  }
}

/** Posts one photo to `/uploads` (multipart field `file`, the session's bearer token) and answers with its id. */
export async function uploadPhoto(
  file: Blob,
  token: string | null,
  fetchImpl: typeof fetch = fetch,
  idempotencyKey: string = randomKey(),
  name = 'photo',
): Promise<{ state: PhotoState; id?: string; error?: unknown }> {
  const body = new FormData();
  body.append('file', file, name);
  try {
    const response = await fetchImpl('/uploads', {
      method: 'POST',
      body,
      headers: {
        'idempotency-key': idempotencyKey,
        'accept-language': document.documentElement.lang || 'zh-CN',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    if (response.status >= 500) return { state: 'saved' };
    if (!response.ok) {
      const refusal = (await response.json().catch(() => null)) as { messageKey?: unknown } | null;
      return { state: 'failed', error: refusal?.messageKey ? refusal : undefined };
    }
    const json = (await response.json()) as { id?: unknown };
    return typeof json.id === 'string' ? { state: 'uploaded', id: json.id } : { state: 'failed' };
  } catch {
    // No network: the photo stays on the phone and goes with its operation through the outbox.
    return { state: 'saved' };
  }
}

/** The photos picked for one filing or report: downscaled, then uploaded at once when there is a network. */
export function usePhotoUploads() {
  const photos = ref<Photo[]>([]);
  let next = 1;

  async function add(files: FileList | readonly File[]) {
    for (const file of Array.from(files)) {
      const photo: Photo = { key: next++, name: file.name, previewUrl: URL.createObjectURL(file), state: 'uploading' };
      photos.value = [...photos.value, photo];
      const blob = await downscale(file);
      const result =
        navigator.onLine === false
          ? { state: 'saved' as const }
          : await uploadPhoto(blob, authToken.value, fetch, randomKey(), file.name);
      photos.value = photos.value.map((p) => (p.key === photo.key ? { ...p, ...result, blob } : p));
    }
  }

  function remove(key: number) {
    const photo = photos.value.find((p) => p.key === key);
    if (photo) URL.revokeObjectURL(photo.previewUrl);
    photos.value = photos.value.filter((p) => p.key !== key);
  }

  /** Puts back the photos of an outbox entry being corrected: already on the server (with an id), or kept on the phone. */
  function restore(saved: ReadonlyArray<{ name: string; blob: Blob; id?: string }>) {
    photos.value = [
      ...photos.value,
      ...saved.map((p): Photo => ({
        key: next++,
        name: p.name,
        previewUrl: URL.createObjectURL(p.blob),
        state: p.id ? 'uploaded' : 'saved',
        id: p.id,
        blob: p.blob,
      })),
    ];
  }

  onBeforeUnmount(() => photos.value.forEach((p) => URL.revokeObjectURL(p.previewUrl)));

  const uploadedIds = () => photos.value.flatMap((p) => (p.id ? [p.id] : []));
  /** What goes into the outbox: each usable photo, with its id when the server already has it. */
  const forOutbox = () =>
    photos.value.flatMap((p) =>
      (p.state === 'uploaded' || p.state === 'saved') && p.blob ? [{ name: p.name, blob: p.blob, id: p.id }] : [],
    );
  const busy = () => photos.value.some((p) => p.state === 'uploading');
  return { photos, add, remove, restore, uploadedIds, forOutbox, busy };
}
