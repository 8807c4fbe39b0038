import { onBeforeUnmount, ref } from 'vue';
import { authToken } from '../../auth/composables/session.js';

export type PhotoState = 'uploading' | 'uploaded' | 'failed';

export interface Photo {
  key: number;
  name: string;
  previewUrl: string;
  state: PhotoState;
  id?: string;
  /** The server's refusal, a sentence a user can act on (wrong type, too large). */
  error?: string;
}

/** Posts one photo to `/uploads` (multipart field `file`, the session's bearer token) and answers with its id. */
export async function uploadPhoto(
  file: File,
  token: string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<{ state: PhotoState; id?: string; error?: string }> {
  const body = new FormData();
  body.append('file', file);
  try {
    const response = await fetchImpl('/uploads', {
      method: 'POST',
      body,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!response.ok) {
      const refusal = (await response.json().catch(() => ({}))) as { message?: unknown };
      return { state: 'failed', error: typeof refusal.message === 'string' ? refusal.message : undefined };
    }
    const json = (await response.json()) as { id?: unknown };
    return typeof json.id === 'string' ? { state: 'uploaded', id: json.id } : { state: 'failed' };
  } catch {
    return { state: 'failed' };
  }
}

/** The photos picked for one filing, each uploaded as soon as it is picked. */
export function usePhotoUploads() {
  const photos = ref<Photo[]>([]);
  let next = 1;

  async function add(files: FileList | readonly File[]) {
    for (const file of Array.from(files)) {
      const photo: Photo = { key: next++, name: file.name, previewUrl: URL.createObjectURL(file), state: 'uploading' };
      photos.value = [...photos.value, photo];
      const result = await uploadPhoto(file, authToken.value);
      photos.value = photos.value.map((p) => (p.key === photo.key ? { ...p, ...result } : p));
    }
  }

  function remove(key: number) {
    const photo = photos.value.find((p) => p.key === key);
    if (photo) URL.revokeObjectURL(photo.previewUrl);
    photos.value = photos.value.filter((p) => p.key !== key);
  }

  onBeforeUnmount(() => photos.value.forEach((p) => URL.revokeObjectURL(p.previewUrl)));

  const uploadedIds = () => photos.value.flatMap((p) => (p.id ? [p.id] : []));
  const busy = () => photos.value.some((p) => p.state === 'uploading');
  return { photos, add, remove, uploadedIds, busy };
}
