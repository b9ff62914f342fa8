/** A phone camera's 12-megapixel photo is 4–8 MB; a material copy reads well at 1600 px and ~0.7 JPEG (~300 KB). */
const MAX_SIDE = 1600;
const QUALITY = 0.7;

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close(): void }> {
  if (typeof createImageBitmap === 'function') {
    // from-image: the camera's EXIF rotation is applied, so a portrait photo stays upright.
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return {
      source: bitmap,
      width: bitmap.width,
      height: bitmap.height,
      close: () => {
        bitmap.close();
      },
    };
  }
  const url = URL.createObjectURL(file);
  const image = new Image();
  image.src = url;
  await image.decode();
  return {
    source: image,
    width: image.naturalWidth,
    height: image.naturalHeight,
    close: () => {
      URL.revokeObjectURL(url);
    },
  };
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (blob) resolve(blob);
        else reject(new Error('照片处理失败，请重拍'));
      },
      type,
      quality,
    );
  });
}

/** Shrinks a photo in the browser to at most 1600 px on its long side, as JPEG. */
export async function compressPhoto(file: Blob): Promise<Blob> {
  const image = await decode(file);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('此浏览器无法处理照片');
    // JPEG has no transparency: a white page rather than black behind a transparent PNG.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image.source, 0, 0, canvas.width, canvas.height);
    return await toBlob(canvas, 'image/jpeg', QUALITY);
  } finally {
    image.close();
  }
}

/** The signature canvas as a PNG (lossless: a signature is thin lines). */
export const canvasToPng = (canvas: HTMLCanvasElement) => toBlob(canvas, 'image/png');
